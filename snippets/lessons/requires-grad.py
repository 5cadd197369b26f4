"""Tensors and requires_grad: docs/{es,en}/lessons/requires-grad.md."""

# --8<-- [start:random-tensor]
import torch

torch.manual_seed(0)
x = torch.randn(3)
print(x)
# --8<-- [end:random-tensor]

# --8<-- [start:default-flag]
print(x.requires_grad)
# --8<-- [end:default-flag]

# The error is the lesson: standalone runs print it and go on, the page shows the traceback.
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
