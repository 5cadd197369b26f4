"""Galería de errores, cada uno con su solución: docs/es/lessons/error-gallery.md."""

# --8<-- [start:setup]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = x + 2
z = y * y * 2
print(y)
print(z)
# --8<-- [end:setup]

# Estos errores son intencionados. Si ejecutas el archivo, cada error se imprime y la
# ejecución continúa; la página muestra la traza.
try:
    # --8<-- [start:non-scalar-error]
    z.backward()
    # --8<-- [end:non-scalar-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:non-scalar-fix]
z.backward(torch.ones_like(z))
print(x.grad)
print(torch.allclose(x.grad, 4 * y))
# --8<-- [end:non-scalar-fix]

# --8<-- [start:second-backward-setup]
x.grad = None
z = y * y * 2
out = z.mean()
out.backward()
print(x.grad)
# --8<-- [end:second-backward-setup]

try:
    # --8<-- [start:second-backward-error]
    out.backward()
    # --8<-- [end:second-backward-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:retain-graph]
x.grad = None
z = y * y * 2
out = z.mean()
out.backward(retain_graph=True)
out.backward()
print(x.grad)
print(torch.allclose(x.grad, 2 * 4 * y / 3))
# --8<-- [end:retain-graph]

# --8<-- [start:nothing-saved]
x.grad = None
total = (x + 2).sum()
total.backward()
print(x.grad)
total.backward()
print(x.grad)
# --8<-- [end:nothing-saved]

try:
    # --8<-- [start:leaf-inplace-error]
    x.grad = None
    z = y * y * 2
    out = z.mean()
    out.backward()
    print(x.grad)
    x -= 0.1 * x.grad
    # --8<-- [end:leaf-inplace-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:leaf-inplace-fix]
print(x)
with torch.no_grad():
    x -= 0.1 * x.grad
print(x)
print(x.is_leaf, x.requires_grad)
# --8<-- [end:leaf-inplace-fix]

# --8<-- [start:version-counter]
x.grad = None
y = x + 2
z = y * y * 2
before = y.grad_fn
print(y._version, before.name())
y.add_(1)
print(y._version, y.grad_fn.name(), y.grad_fn is before)
# su grad_fn es ahora el nodo de add_; detrás queda el de x + 2
print(y.grad_fn.next_functions[0][0] is before)
# --8<-- [end:version-counter]

try:
    # --8<-- [start:version-error]
    z.sum().backward()
    # --8<-- [end:version-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:saved-output]
w = x.exp()  # exp guarda su salida, w, porque su derivada es el propio w
w.mul_(2)
print(w.grad_fn.name())
# --8<-- [end:saved-output]

try:
    # --8<-- [start:saved-output-error]
    w.sum().backward()
    # --8<-- [end:saved-output-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

try:
    # --8<-- [start:which-node-first]
    w = x.exp()
    q = w**2  # el nodo de q guarda w, todavía en la versión 0
    w.mul_(2)
    print(q.grad_fn.name(), q.grad_fn.next_functions[0][0].name())
    q.sum().backward()
    # --8<-- [end:which-node-first]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# La detección de anomalías falla a propósito. Si ejecutas el archivo, el error se
# imprime y la ejecución continúa.
try:
    # --8<-- [start:anomaly]
    import warnings

    x.grad = None
    # guarda los avisos en una lista, para imprimirlos después
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with torch.autograd.set_detect_anomaly(True):
            y = x + 2
            z = y * y * 2
            y.add_(1)
            z.sum().backward()
    # --8<-- [end:anomaly]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:anomaly-warning]
lines = str(caught[0].message).splitlines()
print(lines[0])
# la última línea es la posición en el código de PyTorch; la anterior, nuestro código
print(lines[-2].strip())
# --8<-- [end:anomaly-warning]

# --8<-- [start:version-fix]
y = x + 2
z = y * y * 2
shifted = y + 1
copy = y.clone()
copy.add_(1)
print(y._version, shifted._version, copy._version)
z.sum().backward()
print(torch.allclose(x.grad, 4 * y))
print(torch.equal(shifted, copy))
# --8<-- [end:version-fix]

# --8<-- [start:exercise-1]
x.grad = None
a = x * 3
a.add_(1)
print(a._version, a.grad_fn.name())
a.sum().backward()
respuesta = x.grad
print(respuesta)
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
x.grad = None
y = x + 2
shared = y * y
loss_1 = shared.sum()
loss_2 = (3 * shared).sum()
loss_1.backward(retain_graph=True)
loss_2.backward()
two_passes = x.grad.clone()
respuesta = two_passes
print(respuesta)
x.grad = None
shared = y * y
(shared.sum() + (3 * shared).sum()).backward()
print(torch.allclose(x.grad, two_passes), torch.allclose(x.grad, 8 * y))
# --8<-- [end:exercise-2]
