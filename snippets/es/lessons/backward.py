"""backward() sobre un escalar, x.grad y la regla de la cadena: docs/es/lessons/backward.md."""

# --8<-- [start:setup]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = x + 2
z = y * y * 2
out = z.mean()
print(x)
print(out)
# --8<-- [end:setup]

# --8<-- [start:grad-before]
print(x.grad)
# --8<-- [end:grad-before]

# --8<-- [start:backward]
out.backward()
print(x.grad)
# --8<-- [end:backward]

# --8<-- [start:chain-mean]
# d out / d out: aquí empieza backward()
grad_out = torch.tensor(1.0)
# MeanBackward0: out = (z_1 + z_2 + z_3) / 3
grad_z = grad_out / 3 * torch.ones(3)
print(grad_z)
# --8<-- [end:chain-mean]

# --8<-- [start:chain-mul]
# Los valores de y, sin historial: lo que calculamos con ellos no se registra
y_values = y.detach()
print(y_values)
# El MulBackward0 que creó `* 2`: z = s * 2, con s = y * y
grad_s = grad_z * 2
print(grad_s)
# El MulBackward0 que creó `y * y`: un término por cada factor
grad_y = grad_s * y_values + grad_s * y_values
print(grad_y)
# --8<-- [end:chain-mul]

# --8<-- [start:chain-add]
# AddBackward0: y = x + 2
grad_x = grad_y * 1
print(grad_x)
print(torch.allclose(grad_x, x.grad))
# --8<-- [end:chain-add]

# --8<-- [start:by-hand]
# Los valores de x, sin historial
x_values = x.detach()
formula = 4 * (x_values + 2) / 3
print(formula)
print(torch.allclose(x.grad, formula))
# --8<-- [end:by-hand]

# Ejercicios: docs/es/lessons/backward.md#exercises.

# --8<-- [start:exercise-1]
x.grad = None
(x**3).mean().backward()
respuesta = x.grad
print(respuesta)
print(torch.allclose(respuesta, x**2))
# --8<-- [end:exercise-1]

# Este error es la respuesta del ejercicio. Si ejecutas el archivo, el error se imprime y
# la ejecución continúa; la página muestra la traza.
try:
    # --8<-- [start:exercise-2]
    out.backward()
    # --8<-- [end:exercise-2]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:exercise-3]
x.grad = None
total = (x + 2).sum()
total.backward()
print(x.grad)
total.backward()
respuesta = x.grad
print(respuesta)
# --8<-- [end:exercise-3]
