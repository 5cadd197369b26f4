"""By hand, allclose and gradcheck: docs/{es,en}/lessons/checking-gradients.md."""

# --8<-- [start:setup]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = x + 2
z = y * y * 2
out = z.mean()
out.backward()
print(x.grad)
# --8<-- [end:setup]

# --8<-- [start:by-hand]
by_hand = 4 * (x.detach() + 2) / 3
print(by_hand)
# --8<-- [end:by-hand]

# --8<-- [start:allclose]
print(torch.equal(x.grad, by_hand))
print((x.grad - by_hand).abs().max())
print(torch.allclose(x.grad, by_hand))
# --8<-- [end:allclose]


# --8<-- [start:gradcheck]
def f(t):
    return (2 * (t + 2) ** 2).mean()


x64 = x.detach().to(torch.float64).requires_grad_()
print(x64)
print(torch.autograd.gradcheck(f, (x64,)))
# --8<-- [end:gradcheck]

# float32 fails the check: standalone runs print the error and go on, the page shows it.
try:
    # --8<-- [start:gradcheck-float32]
    torch.autograd.gradcheck(f, (x,))
    # --8<-- [end:gradcheck-float32]
except RuntimeError as error:  # GradcheckError is a RuntimeError
    print(f"{type(error).__name__}: {error}")

# --8<-- [start:finite-differences]
eps = 1e-6
for dtype in (torch.float32, torch.float64):
    t = x.detach().to(dtype)
    step = torch.tensor([eps, 0.0, 0.0], dtype=dtype)
    print(dtype, ((f(t + step) - f(t - step)) / (2 * eps)).item())
print("exact", (4 * (x64[0] + 2) / 3).item())
# --8<-- [end:finite-differences]


# --8<-- [start:wrong-backward]
class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):
        ctx.save_for_backward(t)
        return t * t

    @staticmethod
    def backward(ctx, grad_output):
        (t,) = ctx.saved_tensors
        return grad_output * t  # wrong on purpose: the derivative of t * t is 2 * t


print(Square.apply(x64))
# --8<-- [end:wrong-backward]

# The failed check is the lesson: standalone runs print it and go on, the page shows it.
try:
    # --8<-- [start:gradcheck-fails]
    torch.autograd.gradcheck(Square.apply, (x64,))
    # --8<-- [end:gradcheck-fails]
except RuntimeError as error:  # GradcheckError is a RuntimeError
    print(f"{type(error).__name__}: {error}")


# --8<-- [start:exercise-1]
class FixedSquare(Square):  # the same forward; only the backward is mended
    @staticmethod
    def backward(ctx, grad_output):
        (t,) = ctx.saved_tensors
        return grad_output * 2 * t


print(torch.autograd.gradcheck(FixedSquare.apply, (x64,)))
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
x.grad = None
(x * x.sin()).sum().backward()
xd = x.detach()
g_by_hand = xd.sin() + xd * xd.cos()
print(x.grad)
print(torch.allclose(x.grad, g_by_hand))
print(torch.autograd.gradcheck(lambda t: (t * t.sin()).sum(), (x64,)))
# --8<-- [end:exercise-2]
