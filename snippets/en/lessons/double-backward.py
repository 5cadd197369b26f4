"""Double backward through your own Function: docs/en/lessons/double-backward.md."""

# --8<-- [start:tanh]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)


class Tanh(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t.tanh()

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)  # the derivative is written in terms of the output

    @staticmethod
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        return grad_output * (1 - result * result)  # PyTorch operations only


tanh_x = Tanh.apply(x)
(first,) = torch.autograd.grad(tanh_x.sum(), x, create_graph=True)
print(tanh_x)
print(first)
# --8<-- [end:tanh]

# --8<-- [start:second]
(second,) = torch.autograd.grad(first.sum(), x)
print(second)
r = torch.tanh(x.detach())
print(-2 * r * (1 - r * r))  # the second derivative of tanh, by hand
# --8<-- [end:second]


# --8<-- [start:calls]
class TanhTalking(Tanh):  # the same forward; its backward prints what it receives and calls Tanh's
    @staticmethod
    def backward(ctx, grad_output):
        print("backward receives", grad_output)
        return Tanh.backward(ctx, grad_output)


tanh_x = TanhTalking.apply(x)
(first,) = torch.autograd.grad(tanh_x.sum(), x, create_graph=True)
(second,) = torch.autograd.grad(first.sum(), x)
print(-2 * r)
# --8<-- [end:calls]

# --8<-- [start:gradgradcheck]
x64 = x.detach().to(torch.float64).requires_grad_()
print(torch.autograd.gradcheck(Tanh.apply, (x64,)))
print(torch.autograd.gradgradcheck(Tanh.apply, (x64,)))
# --8<-- [end:gradgradcheck]

# --8<-- [start:once]
from torch.autograd.function import once_differentiable


class TanhOnce(Tanh):  # the same forward and setup_context
    @staticmethod
    @once_differentiable
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        return grad_output * (1 - result * result)


print(torch.autograd.gradcheck(TanhOnce.apply, (x64,)))
# --8<-- [end:once]

# --8<-- [start:once-silent]
# x**2 reaches x without going through TanhOnce
(first,) = torch.autograd.grad((TanhOnce.apply(x) + x**2).sum(), x, create_graph=True)
(second,) = torch.autograd.grad(first.sum(), x, retain_graph=True)
print(second)
first.sum().backward()
print(x.grad)
print(-2 * r * (1 - r * r) + 2)  # the right one: the second derivative of tanh, plus 2
x.grad = None  # reset the gradient for what follows
# --8<-- [end:once-silent]

# This failed check is intended. Run as a script, the file prints it and carries on; the page
# shows it.
try:
    # --8<-- [start:once-gradgradcheck]
    torch.autograd.gradgradcheck(TanhOnce.apply, (x64,))
    # --8<-- [end:once-gradgradcheck]
except RuntimeError as error:  # GradcheckError is a RuntimeError
    print(f"{type(error).__name__}: {error}")


# --8<-- [start:once-error-node]
grad_output = torch.ones(3, requires_grad=True)  # a grad_output that requires grad
(first,) = torch.autograd.grad(TanhOnce.apply(x), x, grad_output, create_graph=True)
print(first)
leaf = first.grad_fn.next_functions[0][0].variable  # the leaf the Error node leads to
print(leaf, leaf is x)
# --8<-- [end:once-error-node]


# --8<-- [start:intermediate]
class TanhWithSlope(torch.autograd.Function):
    @staticmethod
    def forward(t):
        result = t.tanh()
        return result, 1 - result * result  # the slope, an intermediate tensor, as an output

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*output)

    @staticmethod
    def backward(ctx, grad_output, grad_slope):
        _, slope = ctx.saved_tensors
        return grad_output * slope  # ignores grad_slope


tanh_x, slope = TanhWithSlope.apply(x)
(first,) = torch.autograd.grad(tanh_x.sum(), x, create_graph=True)
(second,) = torch.autograd.grad(first.sum(), x)
print(first)
print(second)
# --8<-- [end:intermediate]


# --8<-- [start:intermediate-fixed]
class TanhWithSlopeFixed(TanhWithSlope):  # the same forward and setup_context
    @staticmethod
    def backward(ctx, grad_output, grad_slope):
        result, slope = ctx.saved_tensors
        # The slope 1 - tanh² depends on t too: its derivative is -2 tanh (1 - tanh²).
        return grad_output * slope - grad_slope * 2 * result * slope


tanh_x, slope = TanhWithSlopeFixed.apply(x)
(first,) = torch.autograd.grad(tanh_x.sum(), x, create_graph=True)
(second,) = torch.autograd.grad(first.sum(), x)
print(second)
print(
    torch.autograd.gradgradcheck(lambda t: TanhWithSlope.apply(t)[0], (x64,), raise_exception=False)
)
print(torch.autograd.gradgradcheck(lambda t: TanhWithSlopeFixed.apply(t)[0], (x64,)))
# --8<-- [end:intermediate-fixed]


# --8<-- [start:one-per-input]
class Scale(torch.autograd.Function):
    @staticmethod
    def forward(t, factor):
        return t * factor

    @staticmethod
    def setup_context(ctx, inputs, output):
        # a number, not a tensor: an attribute of ctx
        ctx.factor = inputs[1]

    @staticmethod
    def backward(ctx, grad_output):
        # None: factor is not a tensor
        return grad_output * ctx.factor, None


Scale.apply(x, 3.0).sum().backward()
print(x.grad)
# --8<-- [end:one-per-input]

# This error is intended. Run as a script, the file prints it and carries on; the page shows
# the traceback.
try:
    # --8<-- [start:too-few]
    class ScaleForgettingNone(Scale):
        @staticmethod
        def backward(ctx, grad_output):
            return grad_output * ctx.factor

    ScaleForgettingNone.apply(x, 3.0).sum().backward()
    # --8<-- [end:too-few]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# This error is intended. Run as a script, the file prints it and carries on; the page shows
# the traceback.
try:
    # --8<-- [start:not-none]
    class ScaleWithZero(Scale):
        @staticmethod
        def backward(ctx, grad_output):
            return grad_output * ctx.factor, torch.tensor(0.0)

    ScaleWithZero.apply(x, 3.0).sum().backward()
    # --8<-- [end:not-none]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:sum-rows]
class SumRows(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t.sum(1)

    @staticmethod
    def setup_context(ctx, inputs, output):
        pass

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output  # one dimension short: (2,) instead of (2, 3)


matrix = torch.ones(2, 3, requires_grad=True)
print(SumRows.apply(matrix).shape)
# --8<-- [end:sum-rows]

# This error is intended. Run as a script, the file prints it and carries on; the page shows
# the traceback.
try:
    # --8<-- [start:sum-rows-error]
    SumRows.apply(matrix).sum().backward()
    # --8<-- [end:sum-rows-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:dtype]
class SquareIn64(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t * t

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad_output):
        (t,) = ctx.saved_tensors
        grad = grad_output.double() * 2 * t.double()  # computed in float64
        print(grad.dtype)
        return grad


x.grad = None
SquareIn64.apply(x).sum().backward()
print(x.grad, x.grad.dtype)
# --8<-- [end:dtype]

# This error is intended. Run as a script, the file prints it and carries on; the page shows
# the traceback.
try:
    # --8<-- [start:device]
    class SquareOnMeta(SquareIn64):
        @staticmethod
        def backward(ctx, grad_output):
            (t,) = ctx.saved_tensors
            return torch.empty(t.shape, device="meta")  # on another device

    SquareOnMeta.apply(x).sum().backward()
    # --8<-- [end:device]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:broadcasting]
class ScaleColumns(torch.autograd.Function):
    @staticmethod
    def forward(t, w):
        return t * w  # w, of shape (2,), is repeated on every row of t

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad_output):
        t, w = ctx.saved_tensors
        return grad_output * w, (grad_output * t).sum_to_size(w.shape)


t = torch.arange(4.0).view(2, 2)
print(t)
w = torch.tensor([1.0, 2.0], requires_grad=True)
ScaleColumns.apply(t, w).sum().backward()
print(w.grad)
(reference,) = torch.autograd.grad((t * w).sum(), w)
print(reference)
# --8<-- [end:broadcasting]


# --8<-- [start:unreduced]
class ScaleColumnsUnreduced(ScaleColumns):
    @staticmethod
    def backward(ctx, grad_output):
        t, w = ctx.saved_tensors
        grad_w = grad_output * t
        print(grad_w.shape)
        return grad_output * w, grad_w  # not reduced


w.grad = None
ScaleColumnsUnreduced.apply(t, w).sum().backward()
print(w.grad)
# --8<-- [end:unreduced]


# --8<-- [start:wrong-axis]
class ScaleColumnsWrongAxis(ScaleColumns):
    @staticmethod
    def backward(ctx, grad_output):
        t, w = ctx.saved_tensors
        return grad_output * w, (grad_output * t).sum(1)  # sums each row: the wrong axis


w.grad = None
ScaleColumnsWrongAxis.apply(t, w).sum().backward()
print(w.grad)
# --8<-- [end:wrong-axis]

# This failed check is intended. Run as a script, the file prints it and carries on; the page
# shows it.
try:
    # --8<-- [start:wrong-axis-gradcheck]
    t64 = t.to(torch.float64)
    w64 = w.detach().to(torch.float64).requires_grad_()
    torch.autograd.gradcheck(ScaleColumnsWrongAxis.apply, (t64, w64))
    # --8<-- [end:wrong-axis-gradcheck]
except RuntimeError as error:  # GradcheckError is a RuntimeError
    print(f"{type(error).__name__}: {error}")

# Exercises: docs/en/lessons/double-backward.md#exercises.


# --8<-- [start:exercise-1]
class Sin(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t.sin()

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad_output):
        (t,) = ctx.saved_tensors
        return grad_output * t.cos()


(first,) = torch.autograd.grad(Sin.apply(x).sum(), x, create_graph=True)
(answer,) = torch.autograd.grad(first.sum(), x)
print(answer)
print(-x.detach().sin())
print(torch.autograd.gradgradcheck(Sin.apply, (x64,)))
# --8<-- [end:exercise-1]


# --8<-- [start:exercise-2]
class SumRowsFixed(SumRows):
    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.shape = inputs[0].shape  # a shape, not a tensor

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output.unsqueeze(1).expand(ctx.shape)


matrix.grad = None
(SumRowsFixed.apply(matrix) * torch.tensor([1.0, 2.0])).sum().backward()
answer = matrix.grad
print(answer)
# --8<-- [end:exercise-2]


# --8<-- [start:exercise-3]
class AddBias(torch.autograd.Function):
    @staticmethod
    def forward(h, bias):
        return h + bias

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.bias_shape = inputs[1].shape

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output, grad_output.sum_to_size(ctx.bias_shape)


h = torch.zeros(4, 3)
bias = torch.zeros((1, 3), requires_grad=True)
AddBias.apply(h, bias).sum().backward()
answer = bias.grad
print(answer)
# --8<-- [end:exercise-3]


# --8<-- [start:exercise-4]
class CubeWithSlope(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t**3, 3 * t**2  # the cube and its derivative, as two outputs

    @staticmethod
    def setup_context(ctx, inputs, output):
        (t,) = inputs
        _, slope = output
        ctx.save_for_backward(t, slope)

    @staticmethod
    def backward(ctx, grad_output, grad_slope):
        t, slope = ctx.saved_tensors
        return grad_output * slope + grad_slope * 6 * t  # (3 t²)' = 6 t


cube, slope = CubeWithSlope.apply(x)
(first,) = torch.autograd.grad(cube.sum(), x, create_graph=True)
(answer,) = torch.autograd.grad(first.sum(), x)
print(answer)
print(6 * x.detach())
print(torch.autograd.gradgradcheck(lambda t: CubeWithSlope.apply(t)[0], (x64,)))
# --8<-- [end:exercise-4]
