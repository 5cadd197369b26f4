"""backward() on a scalar and x.grad: docs/{es,en}/lessons/backward.md."""

# --8<-- [start:setup]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = x + 2
z = y * y * 2
z = z.mean()
print(z)
# --8<-- [end:setup]

# --8<-- [start:grad-before]
print(x.grad)
# --8<-- [end:grad-before]

# --8<-- [start:backward]
z.backward()
print(x.grad)
# --8<-- [end:backward]

# --8<-- [start:by-hand]
print(4 * (x + 2) / 3)
print(torch.allclose(x.grad, 4 * (x + 2) / 3))
# --8<-- [end:by-hand]

# Exercises: docs/{es,en}/lessons/backward.md#exercises.

# --8<-- [start:exercise-1]
x.grad = None
(x**3).mean().backward()
print(x.grad)
print(torch.allclose(x.grad, x**2))
# --8<-- [end:exercise-1]

# The error is the answer: standalone runs print it and go on, the page shows the traceback.
try:
    # --8<-- [start:exercise-2]
    z.backward()
    # --8<-- [end:exercise-2]
except RuntimeError as error:
    print(f"RuntimeError: {error}")
