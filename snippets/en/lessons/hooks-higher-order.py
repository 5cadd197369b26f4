"""Tensor hooks and second derivatives: docs/en/lessons/hooks-higher-order.md."""

# --8<-- [start:setup]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = x + 2
z = y * y * 2
out = z.mean()
print(x)
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
    print("received:", grad)
    return grad.clamp(-1.0, 1.0)


clip_handle = x.register_hook(clip)
x.grad = None
y = x + 2
z = y * y * 2
out = z.mean()
out.backward()
print(x.grad)
# --8<-- [end:clamp]

# --8<-- [start:clamp-removed]
clip_handle.remove()
x.grad = None
y = x + 2
z = y * y * 2
out = z.mean()
out.backward()
print(x.grad)
# --8<-- [end:clamp-removed]

# --8<-- [start:clip-value]
torch.nn.utils.clip_grad_value_([x], clip_value=1.0)
print(x.grad)
# --8<-- [end:clip-value]

# --8<-- [start:clip-norm]
x.grad = None
y = x + 2
z = y * y * 2
out = z.mean()
out.backward()
norm = torch.nn.utils.clip_grad_norm_([x], max_norm=1.0)
print(norm)
print(x.grad, x.grad.norm())
# --8<-- [end:clip-norm]


# --8<-- [start:no-in-place]
def zero_in_place(grad):
    # wrong: it changes a tensor that autograd may use elsewhere too
    grad.zero_()


def zero_new(grad):
    # right: a new tensor replaces the gradient
    return torch.zeros_like(grad)


for hook in (zero_in_place, zero_new):
    x.grad = None
    a = x * 2
    b = x * 3
    b.register_hook(hook)
    (a + b).sum().backward()
    print(hook.__name__, x.grad)
# the same hook on a: now a's share is lost, not b's
x.grad = None
a = x * 2
b = x * 3
a.register_hook(zero_in_place)
(a + b).sum().backward()
print("zero_in_place on a", x.grad)
# --8<-- [end:no-in-place]

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

# Forgetting create_graph gives this error on purpose. Run as a script, the file
# prints the error and carries on.
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
y.register_hook(halve)
z = y * y * 2
out = z.mean()
out.backward()
answer = x.grad
print(answer)
print(torch.allclose(answer, 2 * (x.detach() + 2) / 3))
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
y = x + 2
z = y * y * 2
out = z.mean()
(grad,) = torch.autograd.grad(out, x, create_graph=True)
(second,) = torch.autograd.grad(grad.sum(), x)
answer = second
print(grad)
print(answer)
print(torch.allclose(answer, torch.full_like(x, 4 / 3)))
print(torch.func.hessian(lambda t: (2 * (t + 2) ** 2).mean())(x.detach()))
# --8<-- [end:exercise-2]

# --8<-- [start:exercise-3]
hessian = torch.func.jacrev(torch.func.jacrev(lambda t: (t**3).sum()))(x.detach())
answer = hessian
print(answer)
print(torch.allclose(answer.diagonal(), 6 * x.detach()))
# --8<-- [end:exercise-3]
