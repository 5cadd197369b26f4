"""El grafo de cómputo y grad_fn: docs/es/lessons/graph.md."""

# --8<-- [start:add]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = x + 2
print(y)
# --8<-- [end:add]

# --8<-- [start:leaf]
print(x.grad_fn)
print(y.grad_fn.name())
# --8<-- [end:leaf]

# --8<-- [start:mul]
z = y * y * 2
print(z)
# --8<-- [end:mul]

# --8<-- [start:mean]
out = z.mean()
print(out)
# --8<-- [end:mean]

# Ejercicios: docs/es/lessons/graph.md#exercises.

# --8<-- [start:exercise-1]
respuesta = [(x * x).grad_fn.name(), (x**2).grad_fn.name(), x.sum().grad_fn.name()]
print(respuesta)
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
respuesta = [x.is_leaf, y.is_leaf, z.is_leaf, out.is_leaf]
print(respuesta)
print(torch.ones(3).is_leaf)
# --8<-- [end:exercise-2]

# --8<-- [start:exercise-3]
respuesta = []
node = out.grad_fn
while node is not None:
    respuesta.append(node.name())
    # Solo la primera entrada: basta para este grafo, pero no para recorrer uno cualquiera.
    node = node.next_functions[0][0] if node.next_functions else None
print(*respuesta, sep="\n")
# --8<-- [end:exercise-3]
