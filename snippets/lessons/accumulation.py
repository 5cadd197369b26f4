"""Gradient accumulation and grad.zero_(): docs/{es,en}/lessons/accumulation.md."""

# --8<-- [start:accumulating]
import torch

torch.manual_seed(0)
weights = torch.ones(4, requires_grad=True)
for epoch in range(3):
    model_output = (weights * 3).sum()
    model_output.backward()
    print(weights.grad)
# --8<-- [end:accumulating]

# --8<-- [start:zeroing]
weights = torch.ones(4, requires_grad=True)
for epoch in range(3):
    model_output = (weights * 3).sum()
    model_output.backward()
    print(weights.grad)
    weights.grad.zero_()
# --8<-- [end:zeroing]
