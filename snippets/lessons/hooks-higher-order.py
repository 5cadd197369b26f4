"""Tensor hooks and second derivatives: docs/{es,en}/lessons/hooks-higher-order.md."""

# --8<-- [start:setup]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = x + 2
z = y * y * 2
out = z.mean()
print(out)
# --8<-- [end:setup]


# --8<-- [start:inspect]
def show_z(grad):
    print("z:", grad)


def show_y(grad):
    print("y:", grad)


z_handle = z.register_hook(show_z)
y_handle = y.register_hook(show_y)
out.backward()
print("x.grad:", x.grad)
# --8<-- [end:inspect]


# --8<-- [start:clamp]
def clip(grad):
    return grad.clamp(-1.0, 1.0)


clip_handle = x.register_hook(clip)
x.grad = None
out = ((x + 2) * (x + 2) * 2).mean()
out.backward()
print(x.grad)
# --8<-- [end:clamp]

# --8<-- [start:clamp-removed]
clip_handle.remove()
x.grad = None
out = ((x + 2) * (x + 2) * 2).mean()
out.backward()
print(x.grad)
# --8<-- [end:clamp-removed]

# --8<-- [start:first-derivative]
cube = (x**3).sum()
(first,) = torch.autograd.grad(cube, x, create_graph=True)
print(first)
print(torch.allclose(first, 3 * x**2))
# --8<-- [end:first-derivative]

# --8<-- [start:second-derivative]
(second,) = torch.autograd.grad(first.sum(), x)
print(second)
print(torch.allclose(second, 6 * x.detach()))
# --8<-- [end:second-derivative]

# --8<-- [start:no-create-graph]
(first,) = torch.autograd.grad((x**3).sum(), x)
print(first)
# --8<-- [end:no-create-graph]

# Forgetting create_graph is the lesson: standalone runs print the error and go on.
try:
    # --8<-- [start:no-create-graph-error]
    torch.autograd.grad(first.sum(), x)
    # --8<-- [end:no-create-graph-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:exercise-1]
def halve(grad):
    return grad * 0.5


x.grad = None
y = x + 2
handle = y.register_hook(halve)
(y * y * 2).mean().backward()
handle.remove()
print(x.grad)
print(torch.allclose(x.grad, 2 * (x.detach() + 2) / 3))
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
out = ((x + 2) * (x + 2) * 2).mean()
(grad,) = torch.autograd.grad(out, x, create_graph=True)
(second,) = torch.autograd.grad(grad.sum(), x)
print(grad)
print(second)
print(torch.allclose(second, torch.full_like(x, 4 / 3)))
# --8<-- [end:exercise-2]

# --8<-- [start:exercise-3]
hessian = torch.autograd.functional.hessian(lambda t: (t**3).sum(), x)
print(hessian)
print(torch.allclose(hessian.diagonal(), 6 * x.detach()))
# --8<-- [end:exercise-3]
