"""The computational graph, grad_fn: docs/en/lessons/graph.md."""

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

# Exercises: docs/en/lessons/graph.md#exercises.

# --8<-- [start:exercise-1]
answer = [(x * x).grad_fn.name(), (x**2).grad_fn.name(), x.sum().grad_fn.name()]
print(answer)
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
answer = [x.is_leaf, y.is_leaf, z.is_leaf, out.is_leaf]
print(answer)
print(torch.ones(3).is_leaf)
# --8<-- [end:exercise-2]

# --8<-- [start:exercise-3]
answer = []
node = out.grad_fn
while node is not None:
    answer.append(node.name())
    # Only the first input: enough for this graph, not a general walk.
    node = node.next_functions[0][0] if node.next_functions else None
print(*answer, sep="\n")
# --8<-- [end:exercise-3]
