"""Hooks de módulos y parámetros, y autograd.grad a fondo: docs/es/lessons/module-hooks.md."""

# --8<-- [start:setup]
import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
model = nn.Sequential(nn.Linear(3, 2), nn.Tanh(), nn.Linear(2, 1))
first = model[0]
print(x)
print(model(x))
# --8<-- [end:setup]

# --8<-- [start:full-backward-hook]
seen = {}


def remember(module, grad_input, grad_output):
    seen["grad_input"], seen["grad_output"] = grad_input, grad_output


handle = first.register_full_backward_hook(remember)
model(x).sum().backward()
print("grad_output:", seen["grad_output"])
print("grad_input:", seen["grad_input"])
print(torch.allclose(seen["grad_input"][0], seen["grad_output"][0] @ first.weight))
print(torch.equal(seen["grad_input"][0], x.grad))
# --8<-- [end:full-backward-hook]

# --8<-- [start:input-without-grad]
inputs = torch.randn(3)  # datos: no requieren gradiente
model.zero_grad()
model(inputs).sum().backward()
print("grad_output:", seen["grad_output"])
print("grad_input:", seen["grad_input"])
print(first.weight.grad)
handle.remove()
# --8<-- [end:input-without-grad]


# --8<-- [start:pre-hook]
def fresh_backward():
    """Gradientes nuevos de x y de los pesos, con los hooks que haya en ese momento."""
    x.grad = None
    model.zero_grad()
    model(x).sum().backward()
    return first.weight.grad.clone(), x.grad.clone()


def halve_output(module, grad_output):
    return (grad_output[0] * 0.5,)


weight_grad, x_grad = fresh_backward()
pre_handle = first.register_full_backward_pre_hook(halve_output)
new_weight_grad, new_x_grad = fresh_backward()
pre_handle.remove()
print(torch.allclose(new_weight_grad, weight_grad * 0.5))
print(torch.allclose(new_x_grad, x_grad * 0.5))
# --8<-- [end:pre-hook]


# --8<-- [start:change-grad-input]
def halve_input(module, grad_input, grad_output):
    return (grad_input[0] * 0.5,)


post_handle = first.register_full_backward_hook(halve_input)
new_weight_grad, new_x_grad = fresh_backward()
post_handle.remove()
print(torch.allclose(new_weight_grad, weight_grad))
print(torch.allclose(new_x_grad, x_grad * 0.5))
# --8<-- [end:change-grad-input]

# Este error es intencionado. Si ejecutas el archivo, el error se imprime y la ejecución
# continúa; la página muestra la traza.
try:
    # --8<-- [start:in-place]
    hooked = nn.Sequential(nn.Linear(3, 2), nn.ReLU(inplace=True))
    hooked[0].register_full_backward_hook(remember)
    hooked(x)
    # --8<-- [end:in-place]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:old-hook]
def show_shapes(module, grad_input, grad_output):
    print("grad_input:", [tuple(g.shape) for g in grad_input])


block = nn.Sequential(nn.Linear(3, 2), nn.Tanh())
block.register_backward_hook(show_shapes)  # el antiguo
block(x).sum().backward()
# --8<-- [end:old-hook]

# --8<-- [start:post-accumulate]
accumulated = []


def after_accumulating(param):
    accumulated.append((tuple(param.shape), param.grad.clone()))


weight_handle = first.weight.register_post_accumulate_grad_hook(after_accumulating)
model.zero_grad()
for _ in range(2):
    model(inputs).sum().backward()
weight_handle.remove()
print([shape for shape, _ in accumulated])
print(torch.equal(accumulated[1][1], 2 * accumulated[0][1]))
# --8<-- [end:post-accumulate]

# --8<-- [start:optimizer-in-backward]
import copy

batch, targets = torch.randn(4, 3), torch.randn(4, 1)
plain, fused = copy.deepcopy(model), copy.deepcopy(model)

# Lo de siempre: backward() y después step()
optimizer = torch.optim.SGD(plain.parameters(), lr=0.1)
((plain(batch) - targets) ** 2).mean().backward()
optimizer.step()
optimizer.zero_grad()

# Un optimizador por parámetro, que da su paso en cuanto su gradiente está listo
optimizers = {param: torch.optim.SGD([param], lr=0.1) for param in fused.parameters()}


def step_now(param):
    optimizers[param].step()
    optimizers[param].zero_grad()


for param in fused.parameters():
    param.register_post_accumulate_grad_hook(step_now)

((fused(batch) - targets) ** 2).mean().backward()
pairs = zip(plain.parameters(), fused.parameters(), strict=True)
print(all(torch.equal(a, b) for a, b in pairs))
print([param.grad for param in fused.parameters()])
# --8<-- [end:optimizer-in-backward]


# --8<-- [start:order]
def say(text):  # devuelve un hook que solo imprime el texto
    return lambda *args: print(text)


handles = [
    first.register_full_backward_pre_hook(say("model[0]: antes de su pasada hacia atrás")),
    first.register_full_backward_hook(say("model[0]: después, con grad_input")),
    first.weight.register_hook(say("weight: gradiente recibido")),
    first.weight.register_post_accumulate_grad_hook(say("weight: .grad acumulado")),
    x.register_hook(say("x: gradiente recibido")),
    x.register_post_accumulate_grad_hook(say("x: .grad acumulado")),
]
pred = model(x)
handles.append(pred.register_hook(say("salida del modelo: gradiente recibido")))
pred.sum().backward()
for handle in handles:
    handle.remove()
# --8<-- [end:order]

# Este error es intencionado. Si ejecutas el archivo, el error se imprime y la ejecución
# continúa; la página muestra la traza.
try:
    # --8<-- [start:allow-unused-error]
    unused = torch.ones(3, requires_grad=True)
    loss = (x**2).sum()
    torch.autograd.grad(loss, [x, unused])
    # --8<-- [end:allow-unused-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:allow-unused]
loss = (x**2).sum()
print(torch.autograd.grad(loss, [x, unused], allow_unused=True))
loss = (x**2).sum()
print(torch.autograd.grad(loss, [x, unused], materialize_grads=True))
# --8<-- [end:allow-unused]

# Este error es intencionado. Si ejecutas el archivo, el error se imprime y la ejecución
# continúa; la página muestra la traza.
try:
    # --8<-- [start:materialize-without-unused]
    loss = (x**2).sum()
    torch.autograd.grad(loss, [x, unused], allow_unused=False, materialize_grads=True)
    # --8<-- [end:materialize-without-unused]
except ValueError as error:
    print(f"ValueError: {error}")

# Este error es intencionado. Si ejecutas el archivo, el error se imprime y la ejecución
# continúa; la página muestra la traza.
try:
    # --8<-- [start:batched-error]
    hidden = first(x)
    torch.autograd.grad(hidden, x, torch.eye(2))
    # --8<-- [end:batched-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:is-grads-batched]
hidden = first(x)
(jacobian,) = torch.autograd.grad(hidden, x, torch.eye(2), is_grads_batched=True)
print(jacobian)
print(torch.equal(jacobian, first.weight))
# --8<-- [end:is-grads-batched]

# --8<-- [start:vmap-fallback]
torch._C._debug_only_display_vmap_fallback_warnings(True)
hidden = model[1](first(x))  # la salida de model[1]
(jacobian,) = torch.autograd.grad(hidden, x, torch.eye(2), is_grads_batched=True)
torch._C._debug_only_display_vmap_fallback_warnings(False)
print(jacobian)
# --8<-- [end:vmap-fallback]

# Ejercicios: docs/es/lessons/module-hooks.md#exercises.


# --8<-- [start:exercise-1]
def zero_input(module, grad_input, grad_output):
    return (torch.zeros_like(grad_input[0]),)


last = model[2]
zero_handle = last.register_full_backward_hook(zero_input)
model.zero_grad()
model(inputs).sum().backward()
zero_handle.remove()
respuesta = (last.weight.grad, first.weight.grad)
print(respuesta)
# --8<-- [end:exercise-1]

# Este error es la respuesta del ejercicio. Si ejecutas el archivo, el error se imprime y
# la ejecución continúa; la página muestra la traza.
try:
    # --8<-- [start:exercise-2]
    hidden = first(inputs)
    hidden.register_post_accumulate_grad_hook(after_accumulating)
    # --8<-- [end:exercise-2]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:exercise-3]
hidden = first(inputs)
(per_output,) = torch.autograd.grad(hidden, first.weight, torch.eye(2), is_grads_batched=True)
respuesta = per_output
print(inputs)
print(first.weight.shape, respuesta.shape)
print(respuesta)
# --8<-- [end:exercise-3]

# --8<-- [start:exercise-4]
t = torch.ones(3, requires_grad=True)
t.register_hook(lambda grad: grad * 2)
t.register_hook(lambda grad: print("el segundo hook ve:", grad))
t.register_post_accumulate_grad_hook(lambda p: print("t.grad:", p.grad))
(t * 3).sum().backward()
respuesta = t.grad
# --8<-- [end:exercise-4]
