"""Tensors and requires_grad: docs/en/lessons/requires-grad.md."""

# --8<-- [start:random-tensor]
import torch

torch.manual_seed(0)
x = torch.randn(3)
print(x)
# --8<-- [end:random-tensor]

# --8<-- [start:default-flag]
print(x.requires_grad)
# --8<-- [end:default-flag]

# This error is intended. Run as a script, the file prints it and carries on;
# the page shows the traceback.
try:
    # --8<-- [start:untracked-backward]
    x.sum().backward()
    # --8<-- [end:untracked-backward]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:tracked-tensor]
torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
print(x)
# --8<-- [end:tracked-tensor]

# --8<-- [start:tracked-flag]
print(x.requires_grad)
# --8<-- [end:tracked-flag]

# --8<-- [start:requires-grad-later]
torch.manual_seed(0)
later = torch.randn(3)
later.requires_grad_()
print(later)
# --8<-- [end:requires-grad-later]

# Exercises: docs/en/lessons/requires-grad.md#exercises.

# --8<-- [start:exercise-1]
answer = ((x * 2).requires_grad, (torch.ones(3) * 2).requires_grad)
print(answer)
# --8<-- [end:exercise-1]

# This error is the exercise's answer. Run as a script, the file prints it and carries on;
# the page shows the traceback.
try:
    # --8<-- [start:exercise-2]
    counts = torch.tensor([1, 2, 3], requires_grad=True)
    # --8<-- [end:exercise-2]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:exercise-3]
print(x > 0)
print(x.argmax())
print(torch.zeros_like(x))
answer = ((x > 0).requires_grad, x.argmax().requires_grad, torch.zeros_like(x).requires_grad)
print(answer)
print(x.round().requires_grad)
# --8<-- [end:exercise-3]

# --8<-- [start:exercise-4]
x.sum().backward()
answer = x.grad
print(answer)
# --8<-- [end:exercise-4]
