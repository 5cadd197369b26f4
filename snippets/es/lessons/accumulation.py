"""Los gradientes se acumulan y grad.zero_() los pone a cero: docs/es/lessons/accumulation.md."""

# --8<-- [start:accumulating]
import torch

torch.manual_seed(0)
weights = torch.ones(4, requires_grad=True)
learning_rate = 0.1
for step in range(3):
    loss = (weights * 3).sum()
    loss.backward()
    print(weights.grad)
    with torch.no_grad():
        weights -= learning_rate * weights.grad
    print(weights)
# --8<-- [end:accumulating]

# --8<-- [start:zeroing]
weights = torch.ones(4, requires_grad=True)
for step in range(3):
    loss = (weights * 3).sum()
    loss.backward()
    print(weights.grad)
    with torch.no_grad():
        weights -= learning_rate * weights.grad
    print(weights)
    weights.grad.zero_()
# --8<-- [end:zeroing]

# Ejercicios: docs/es/lessons/accumulation.md#exercises.

# --8<-- [start:exercise-1]
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
(w**2).sum().backward()
(w**2).sum().backward()
respuesta = w.grad
print(respuesta)
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
w.grad = None
(3 * w).sum().backward()
(w**2).sum().backward()
respuesta = w.grad
print(respuesta)
# --8<-- [end:exercise-2]

# Este error es la respuesta del ejercicio. Si ejecutas el archivo, el error se imprime y
# la ejecución continúa; la página muestra la traza.
try:
    # --8<-- [start:exercise-3]
    fresh = torch.ones(4, requires_grad=True)
    print(fresh.grad)
    fresh.grad.zero_()
    # --8<-- [end:exercise-3]
except AttributeError as error:
    print(f"AttributeError: {error}")

# --8<-- [start:exercise-4]
sgd_weights = torch.ones(4, requires_grad=True)
optimizer = torch.optim.SGD([sgd_weights], lr=0.1)
for step in range(3):
    loss = (sgd_weights * 3).sum()
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
respuesta = (sgd_weights, sgd_weights.grad)
print(sgd_weights)
print(sgd_weights.grad)
# `weights` sigue guardando el resultado del bucle escrito a mano
print(torch.equal(sgd_weights, weights), torch.allclose(sgd_weights, weights))
# --8<-- [end:exercise-4]
