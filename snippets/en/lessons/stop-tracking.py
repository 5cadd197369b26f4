"""Turning off gradient tracking: docs/en/lessons/stop-tracking.md."""

# --8<-- [start:requires-grad-false]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
x.requires_grad_(False)
print(x)
print((x + 2).requires_grad)
# --8<-- [end:requires-grad-false]

# --8<-- [start:version]
print(x._version)
x.add_(1)
print(x._version)
# --8<-- [end:version]

# --8<-- [start:detach]
torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
detached = x.detach()
print(detached)
print(x.requires_grad, detached.requires_grad)
# --8<-- [end:detach]

# --8<-- [start:no-grad]
with torch.no_grad():
    y = x + 2
    print(y)
# --8<-- [end:no-grad]

# --8<-- [start:no-grad-after]
print(y.requires_grad)
print((x + 2).requires_grad)
# --8<-- [end:no-grad-after]

# Exercises: docs/en/lessons/stop-tracking.md#exercises.

# --8<-- [start:exercise-1]
d = x.detach()
d[0] = 100.0
answer = x
print(answer)
# --8<-- [end:exercise-1]

# This error is the exercise's answer. Run as a script, the file prints it and carries on;
# the page shows the traceback.
try:
    # --8<-- [start:exercise-2]
    w = torch.ones(3, requires_grad=True)
    (w * 2).sum().backward()
    w -= 0.1 * w.grad
    # --8<-- [end:exercise-2]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:exercise-3]
print(w)
print(w.grad)
with torch.no_grad():
    w -= 0.1 * w.grad
answer = w
print(answer)
# --8<-- [end:exercise-3]

# This error is the exercise's answer. Run as a script, the file prints it and carries on;
# the page shows the traceback.
try:
    # --8<-- [start:exercise-4]
    doubled = w * 2
    doubled.requires_grad_(False)
    # --8<-- [end:exercise-4]
except RuntimeError as error:
    print(f"RuntimeError: {error}")
