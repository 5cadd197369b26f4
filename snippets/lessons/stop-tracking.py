"""Stopping the tracking: docs/{es,en}/lessons/stop-tracking.md."""

# --8<-- [start:requires-grad-false]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
x.requires_grad_(False)
print(x)
# --8<-- [end:requires-grad-false]

# --8<-- [start:detach]
x = torch.randn(3, requires_grad=True)
y = x.detach()
print(y)
print(x.requires_grad, y.requires_grad)
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
