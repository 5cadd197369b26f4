"""Turning off gradient tracking, four ways: docs/en/lessons/stop-tracking-compared.md."""

# --8<-- [start:setup]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = x + 2
print(x)
print(y)
# --8<-- [end:setup]

# --8<-- [start:requires-grad-false]
w = torch.ones(3, requires_grad=True)
w.requires_grad_(False)
print(w.requires_grad, (w * 2).grad_fn)
print((w * x).grad_fn.name())
w.requires_grad_(True)
print(w.requires_grad, (w * 2).grad_fn.name())
# --8<-- [end:requires-grad-false]

# This error is on purpose. Run as a script, the file prints it and carries on; the
# page shows the traceback.
try:
    # --8<-- [start:requires-grad-false-error]
    y.requires_grad_(False)
    # --8<-- [end:requires-grad-false-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:detach]
d = y.detach()
print(d)
print(d.requires_grad, d.grad_fn, y.requires_grad)
print(d.data_ptr() == y.data_ptr())
# --8<-- [end:detach]

# --8<-- [start:detach-shares]
d.mul_(10)
print(y)
print(y._version, d._version)
# --8<-- [end:detach-shares]

# --8<-- [start:no-grad]
with torch.no_grad():
    n = x * 2
    print(torch.is_grad_enabled())
print(n.requires_grad, n.grad_fn, n.is_inference())
print(torch.is_grad_enabled())
# --8<-- [end:no-grad]

# --8<-- [start:no-grad-later]
(n * x).sum().backward()
print(x.grad)
print(torch.equal(x.grad, n))
# --8<-- [end:no-grad-later]

# --8<-- [start:inference-mode]
with torch.inference_mode():
    i = x * 2
    view = x[:2]
print(i.requires_grad, i.is_inference())
print(view.is_inference())
# --8<-- [end:inference-mode]

try:
    # --8<-- [start:inference-error]
    (i * x).sum().backward()
    # --8<-- [end:inference-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

try:
    # --8<-- [start:inference-inplace-error]
    i.add_(1)
    # --8<-- [end:inference-inplace-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:inference-clone]
x.grad = None
c = i.clone()
print(c.is_inference())
(c * x).sum().backward()
print(torch.equal(x.grad, c))
# --8<-- [end:inference-clone]

# --8<-- [start:dropout-train]
drop = torch.nn.Dropout(p=0.5)
print(drop.training)
print(drop(torch.ones(8)))
# --8<-- [end:dropout-train]

# --8<-- [start:dropout-eval]
drop.eval()
print(drop.training)
print(drop(torch.ones(8)))
# --8<-- [end:dropout-eval]

# --8<-- [start:eval-still-tracks]
model = torch.nn.Linear(3, 1)
model.eval()
inputs = torch.tensor([[1.0, 2.0, 3.0]])
prediction = model(inputs)
print(prediction.grad_fn.name(), model.weight.requires_grad)
prediction.sum().backward()
print(model.weight.grad)
# --8<-- [end:eval-still-tracks]

# --8<-- [start:eval-and-no-grad]
with torch.no_grad():
    prediction = model(inputs)
print(prediction.requires_grad, prediction.grad_fn)
# --8<-- [end:eval-and-no-grad]

# --8<-- [start:exercise-1]
independent = y.detach().clone()
independent.zero_()
answer = independent
print(answer.data_ptr() == y.data_ptr())
print(y)
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
answer = [(torch.is_grad_enabled(), torch.is_inference_mode_enabled())]
with torch.no_grad():
    answer.append((torch.is_grad_enabled(), torch.is_inference_mode_enabled()))
with torch.inference_mode():
    answer.append((torch.is_grad_enabled(), torch.is_inference_mode_enabled()))
print(answer)
# --8<-- [end:exercise-2]

# --8<-- [start:exercise-3]
with torch.inference_mode():
    j = x * 3
answer = j + x
print(j.is_inference(), answer.grad_fn.name())
# --8<-- [end:exercise-3]
