"""By hand, allclose and gradcheck: docs/en/lessons/checking-gradients.md."""

# --8<-- [start:setup]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = x + 2
z = y * y * 2
out = z.mean()
print(out)
out.backward()
print(x.grad)
# --8<-- [end:setup]

# --8<-- [start:by-hand]
print(x)
print(y)
by_hand = 4 * (x.detach() + 2) / 3
print(by_hand)
# --8<-- [end:by-hand]

# --8<-- [start:allclose]
import math

print(torch.equal(x.grad, by_hand))
print(x.grad - by_hand)
# the distance to the next float32
gap = torch.nextafter(by_hand[1], torch.tensor(4.0)) - by_hand[1]
print(gap.item(), math.log2(gap.item()))
# the default tolerances
print(torch.allclose(x.grad, by_hand, rtol=1e-05, atol=1e-08))
# --8<-- [end:allclose]


# --8<-- [start:gradcheck]
def f(t):
    return (2 * (t + 2) ** 2).mean()


x64 = x.detach().to(torch.float64).requires_grad_()
print(x64)
print(torch.autograd.gradcheck(f, (x64,)))
# --8<-- [end:gradcheck]

# --8<-- [start:gradcheck-defaults]
import inspect

parameters = inspect.signature(torch.autograd.gradcheck).parameters
print({name: parameters[name].default for name in ("eps", "atol", "rtol")})
# --8<-- [end:gradcheck-defaults]

# In float32 the check fails. Run as a script, the file prints the error and carries
# on; the page shows the error.
try:
    # --8<-- [start:gradcheck-float32]
    torch.autograd.gradcheck(f, (x,))
    # --8<-- [end:gradcheck-float32]
except RuntimeError as error:  # GradcheckError is a RuntimeError
    print(f"{type(error).__name__}: {error}")

# --8<-- [start:finite-differences]
eps = 1e-6
exact = (4 * (x64[0] + 2) / 3).item()
print("exact", exact)
for dtype in (torch.float32, torch.float64):
    t = x.detach().to(dtype)
    step = torch.tensor([eps, 0.0, 0.0], dtype=dtype)
    numerical = ((f(t + step) - f(t - step)) / (2 * eps)).item()
    print(dtype, numerical, abs(numerical - exact))
# --8<-- [end:finite-differences]

# --8<-- [start:steps]
t = x.detach()  # x in float32, outside the graph
value = f(t)  # out
gap = (torch.nextafter(value, value + 1) - value).item()
print(value, gap, math.log2(gap))
# x1 + eps and x1 - eps are rounded to float32 too
step = torch.tensor([eps, 0.0, 0.0])
moved = ((t + step) - (t - step))[0].item()
print(moved, moved / (2 * eps))
# how much out would change over that distance, in gaps
print(round(moved * exact / gap, 2))
# how much out changes, in gaps, when each value moves
changes = []
for i in range(3):
    step = torch.zeros(3)
    step[i] = eps
    changes.append(((f(t + step) - f(t - step)) / gap).item())
print(changes)
print(gap / (2 * eps))
# --8<-- [end:steps]


# --8<-- [start:wrong-backward]
class Square(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t * t

    @staticmethod
    def setup_context(ctx, inputs, output):
        (t,) = inputs
        ctx.save_for_backward(t)

    @staticmethod
    def backward(ctx, grad_output):
        (t,) = ctx.saved_tensors
        # wrong on purpose: the derivative of t * t is 2 * t
        return grad_output * t


print(Square.apply(x64))
# --8<-- [end:wrong-backward]

# This check fails on purpose. Run as a script, the file prints the error and carries
# on; the page shows the error.
try:
    # --8<-- [start:gradcheck-fails]
    torch.autograd.gradcheck(Square.apply, (x64,))
    # --8<-- [end:gradcheck-fails]
except RuntimeError as error:  # GradcheckError is a RuntimeError
    print(f"{type(error).__name__}: {error}")


# --8<-- [start:exercise-1]
class Sigmoid(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return 1 / (1 + torch.exp(-t))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)

    @staticmethod
    def backward(ctx, grad_output):
        (s,) = ctx.saved_tensors
        # the derivative, written with the saved output
        return grad_output * s * (1 - s)


print(torch.autograd.gradcheck(Sigmoid.apply, (x64,)))
(answer,) = torch.autograd.grad(Sigmoid.apply(x64).sum(), x64)
print(answer)
(expected,) = torch.autograd.grad(torch.sigmoid(x64).sum(), x64)
print(torch.allclose(answer, expected))
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
x.grad = None
(x * x.sin()).sum().backward()
xd = x.detach()
g_by_hand = xd.sin() + xd * xd.cos()
answer = x.grad
print(answer)
print(xd[0], xd[0].sin(), xd[0].cos())
print(torch.allclose(answer, g_by_hand))
print(torch.autograd.gradcheck(lambda t: (t * t.sin()).sum(), (x64,)))
# --8<-- [end:exercise-2]


# --8<-- [start:exercise-3]
def two_outputs(t):  # three values in, two out
    return t[:2] * t[2]


# the same values, but no gradient reaches t[2]
def forgets_t3(t):
    return t[:2] * t[2].detach()


answer = torch.func.jacrev(two_outputs)(x64.detach())
print(answer)
# --8<-- [end:exercise-3]

# The failed check shows the Jacobian's layout. Run as a script, the file prints the
# error and carries on; the page shows the error.
try:
    # --8<-- [start:exercise-3-gradcheck]
    torch.autograd.gradcheck(forgets_t3, (x64,))
    # --8<-- [end:exercise-3-gradcheck]
except RuntimeError as error:  # GradcheckError is a RuntimeError
    print(f"{type(error).__name__}: {error}")
