"""The graph, grad_fn: docs/{es,en}/lessons/graph.md."""

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
z = z.mean()
print(z)
# --8<-- [end:mean]
