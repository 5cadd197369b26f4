"""Puntos no diferenciables y NaN: docs/es/lessons/non-differentiable.md."""

# --8<-- [start:relu-abs]
import torch

torch.manual_seed(0)
x = torch.tensor([-1.0, 0.0, 2.0], requires_grad=True)
for name, fn in [
    ("relu", torch.relu),
    ("abs", torch.abs),
    ("-abs", lambda t: -t.abs()),
    ("clamp", lambda t: t.clamp(min=0)),
]:
    (grad,) = torch.autograd.grad(fn(x).sum(), x)
    print(f"{name:5} {grad}")
# --8<-- [end:relu-abs]

# --8<-- [start:max-ties]
t = torch.tensor([1.0, 3.0, 3.0], requires_grad=True)
for name, fn in [
    ("max()", lambda t: t.max()),
    ("amax()", lambda t: t.amax()),
    ("max(dim=0)", lambda t: t.max(dim=0).values),
]:
    (grad,) = torch.autograd.grad(fn(t), t)
    print(f"{name:10} {grad}")
print(t.max(dim=0).indices)
# --8<-- [end:max-ties]

# --8<-- [start:sqrt-zero]
s = torch.tensor([0.0, 4.0], requires_grad=True)
s.sqrt().sum().backward()
print(s.grad)
# --8<-- [end:sqrt-zero]

# --8<-- [start:distance]
p = torch.tensor([1.0, 2.0], requires_grad=True)
q = torch.tensor([1.0, 2.0])
by_hand = ((p - q) ** 2).sum().sqrt()
(grad_by_hand,) = torch.autograd.grad(by_hand, p)
norm = torch.linalg.vector_norm(p - q)
(grad_norm,) = torch.autograd.grad(norm, p)
print(by_hand, grad_by_hand)
print(norm, grad_norm)
# --8<-- [end:distance]

# --8<-- [start:where-trap]
x = torch.tensor([-1.0, 0.0, 4.0], requires_grad=True)
y = torch.where(x > 0, x.sqrt(), 0.0)
y.sum().backward()
print(y)
print(x.grad)
# --8<-- [end:where-trap]

# --8<-- [start:where-why]
root = x.detach().sqrt()
print(root)
# el nodo de sqrt divide lo que le llega entre 2 * sqrt(x)
print(torch.tensor([0.0, 0.0, 1.0]) / (2 * root))
# --8<-- [end:where-why]

# --8<-- [start:double-where]
x.grad = None
positive = x > 0
# un valor inofensivo donde no se usa esa rama
safe = torch.where(positive, x, 1.0)
y = torch.where(positive, safe.sqrt(), 0.0)
y.sum().backward()
print(y)
print(x.grad)
# --8<-- [end:double-where]

# Este error es intencionado. Si ejecutas el archivo, se imprime y la ejecución
# continúa; la página muestra la traza.
try:
    # --8<-- [start:detect-anomaly]
    import warnings

    x.grad = None
    # guarda los avisos en una lista, para imprimirlos después
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with torch.autograd.set_detect_anomaly(True, check_nan=True):
            y = torch.where(x > 0, x.sqrt(), 0.0)
            y.sum().backward()
    # --8<-- [end:detect-anomaly]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:anomaly-warning]
lines = str(caught[0].message).splitlines()
print(lines[0])
print(lines[-2].strip())
# --8<-- [end:anomaly-warning]

# --8<-- [start:clip-norm]
w = torch.tensor([1.5, -2.0], requires_grad=True)
b = torch.tensor([6.0], requires_grad=True)
((w**2).sum() + (b**2).sum()).backward()
print(w.grad, b.grad)
total = torch.nn.utils.clip_grad_norm_([w, b], max_norm=1.0)
print(total)
print(w.grad, b.grad)
print(torch.nn.utils.get_total_norm([w.grad, b.grad]))
# --8<-- [end:clip-norm]

# --8<-- [start:clip-value]
w.grad, b.grad = None, None
((w**2).sum() + (b**2).sum()).backward()
torch.nn.utils.clip_grad_value_([w, b], clip_value=5.0)
print(w.grad, b.grad)
# --8<-- [end:clip-value]

# --8<-- [start:clip-nan]
w.grad = torch.tensor([3.0, torch.nan])
b.grad = torch.tensor([12.0])
print(torch.nn.utils.clip_grad_norm_([w, b], max_norm=1.0))
print(w.grad, b.grad)
# --8<-- [end:clip-nan]

# Este error es intencionado. Si ejecutas el archivo, se imprime y la ejecución
# continúa; la página muestra la traza.
try:
    # --8<-- [start:clip-nan-error]
    w.grad = torch.tensor([3.0, torch.nan])
    torch.nn.utils.clip_grad_norm_([w, b], max_norm=1.0, error_if_nonfinite=True)
    # --8<-- [end:clip-nan-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# Ejercicios: docs/es/lessons/non-differentiable.md#exercises.

# --8<-- [start:exercise-1]
x = torch.tensor([-1.0, 0.0, 2.0], requires_grad=True)
torch.maximum(x, torch.zeros(3)).sum().backward()
respuesta = x.grad
print(respuesta)
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
probs = torch.tensor([0.0, 0.5, 0.5], requires_grad=True)
entropy = -torch.where(probs > 0, probs * probs.log(), 0.0).sum()
entropy.backward()
print(entropy, probs.grad)
probs.grad = None
safe = torch.where(probs > 0, probs, 1.0)
entropy = -torch.where(probs > 0, safe * safe.log(), 0.0).sum()
entropy.backward()
respuesta = probs.grad
print(entropy, respuesta)
# --8<-- [end:exercise-2]

# --8<-- [start:exercise-3]
w.grad = torch.tensor([0.3, -0.4])
b.grad = torch.tensor([0.0])
print(torch.nn.utils.clip_grad_norm_([w, b], max_norm=1.0))
respuesta = w.grad
print(respuesta)
# --8<-- [end:exercise-3]
