"""Leaf tensors, retain_grad() and the .to() pitfall: docs/en/lessons/leaf-tensors.md."""

# --8<-- [start:setup]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = x + 2
z = y * y * 2
out = z.mean()
print(x.is_leaf, y.is_leaf, z.is_leaf, out.is_leaf)
# --8<-- [end:setup]

# --8<-- [start:no-grad-leaf]
constant = torch.ones(3) * 2
print(x.grad_fn, constant.grad_fn)
print(constant.is_leaf, constant.requires_grad)
# --8<-- [end:no-grad-leaf]

# --8<-- [start:backward]
out.backward()
print(x.grad)
# --8<-- [end:backward]

# --8<-- [start:non-leaf-grad]
print(y.grad)
# --8<-- [end:non-leaf-grad]

# --8<-- [start:retain-grad]
x.grad = None
y = x + 2
y.retain_grad()
z = y * y * 2
out = z.mean()
out.backward()
print(y.is_leaf, y.retains_grad)
print(y)
print(y.grad)
print(x.grad)
# --8<-- [end:retain-grad]

# --8<-- [start:to-pitfall]
w = torch.randn(3, requires_grad=True).to(torch.float64)
print(w.is_leaf, w.grad_fn.name())
loss = (w * w).sum()
loss.backward()
print(w.grad)
# --8<-- [end:to-pitfall]

# --8<-- [start:unnamed-leaf]
# the unnamed leaf, which only the graph reaches (an internal attribute)
leaf = w.grad_fn.next_functions[0][0].variable
print(leaf.is_leaf, leaf.dtype)
print(leaf)
print(leaf.grad)
# --8<-- [end:unnamed-leaf]

# --8<-- [start:fix-create]
w = torch.randn(3, dtype=torch.float64, requires_grad=True)
print(w.is_leaf)
loss = (w * w).sum()
loss.backward()
print(w.grad)
print(torch.allclose(w.grad, 2 * w))
# --8<-- [end:fix-create]

# --8<-- [start:fix-convert]
w = torch.randn(3).to(torch.float64).requires_grad_()
print(w.is_leaf, w.grad_fn)
w2 = x.detach().to(torch.float64).requires_grad_()
print(w2.is_leaf, w2.grad_fn)
(w2 * w2).sum().backward()
print(w2.grad)
# --8<-- [end:fix-convert]

# --8<-- [start:same-dtype]
detached = x.detach()
print(detached.to(torch.float32) is detached, detached.data_ptr() == x.data_ptr())
w3 = x.detach().clone().requires_grad_()
print(w3.is_leaf, w3.data_ptr() == x.data_ptr())
# --8<-- [end:same-dtype]

# --8<-- [start:exercise-1]
a = torch.ones(2)
b = torch.ones(2, requires_grad=True)
c = b * 3
d = c.detach()
answer = {
    "a": (a.is_leaf, a.requires_grad),
    "b": (b.is_leaf, b.requires_grad),
    "c": (c.is_leaf, c.requires_grad),
    "d": (d.is_leaf, d.requires_grad),
}
print(answer)
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
x.grad = None
y = x + 2
z = y * y * 2
z.retain_grad()
out = z.mean()
out.backward()
answer = z.grad
print(answer)
# --8<-- [end:exercise-2]

# --8<-- [start:exercise-3]
w = (torch.randn(2) * 10).requires_grad_()
print(w.is_leaf)
(w * w).sum().backward()
answer = w.grad
print(answer)
print(torch.allclose(answer, 2 * w))
# --8<-- [end:exercise-3]
