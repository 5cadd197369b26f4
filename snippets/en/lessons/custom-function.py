"""Writing your own autograd.Function: docs/en/lessons/custom-function.md."""

# --8<-- [start:setup]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
print(x)
# --8<-- [end:setup]


# --8<-- [start:exp]
class Exp(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t.exp()

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)

    @staticmethod
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        return grad_output * result


y = Exp.apply(x)
print(y)
print([type(fn).__name__ for fn, _ in y.grad_fn.next_functions])
# --8<-- [end:exp]

# --8<-- [start:exp-backward]
y.sum().backward()
print(x.grad)
print(torch.equal(x.grad, x.exp()))
# --8<-- [end:exp-backward]


# --8<-- [start:saved-on-ctx]
class Square(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t * t

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad_output):
        (t,) = ctx.saved_tensors
        return grad_output * 2 * t


# the same forward, but it keeps its input as an attribute
class SquareOnCtx(Square):
    @staticmethod
    def setup_context(ctx, inputs, output):
        (ctx.t,) = inputs

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * 2 * ctx.t


x.grad = None
y = x + 2
squared = SquareOnCtx.apply(y)
y.mul_(10)  # changes `y` after `forward` has run
squared.sum().backward()
print(x.grad)
print(2 * (x.detach() + 2))
# --8<-- [end:saved-on-ctx]

# This error is intended. Run as a script, the file prints it and carries on;
# the page shows the traceback.
try:
    # --8<-- [start:saved-for-backward]
    y = x + 2
    squared = Square.apply(y)
    y.mul_(10)
    squared.sum().backward()
    # --8<-- [end:saved-for-backward]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:needs-input-grad]
class Mul(torch.autograd.Function):
    @staticmethod
    def forward(a, b):
        return a * b

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad_output):
        a, b = ctx.saved_tensors
        print("needs_input_grad:", ctx.needs_input_grad)  # for the lesson only
        grad_a = grad_output * b if ctx.needs_input_grad[0] else None
        grad_b = grad_output * a if ctx.needs_input_grad[1] else None
        return grad_a, grad_b


x.grad = None
weights = torch.tensor([1.0, 2.0, 3.0])
Mul.apply(x, weights).sum().backward()
print(x.grad, weights.grad)
# --8<-- [end:needs-input-grad]

# --8<-- [start:naive-logsumexp]
big = torch.tensor([1000.0, 1000.0], requires_grad=True)
naive = big.exp().sum().log()
naive.backward()
print(big.exp())
print(naive, big.grad)
# --8<-- [end:naive-logsumexp]


# --8<-- [start:logsumexp]
class LogSumExp(torch.autograd.Function):
    @staticmethod
    def forward(t, dim):
        m = t.amax(dim, keepdim=True)
        return (m + (t - m).exp().sum(dim, keepdim=True).log()).squeeze(dim)

    @staticmethod
    def setup_context(ctx, inputs, output):
        t, dim = inputs
        # an input and the output
        ctx.save_for_backward(t, output)
        # not a tensor: an attribute of ctx
        ctx.dim = dim

    @staticmethod
    def backward(ctx, grad_output):
        t, result = ctx.saved_tensors
        softmax = (t - result.unsqueeze(ctx.dim)).exp()
        # None: dim has no gradient
        return grad_output.unsqueeze(ctx.dim) * softmax, None


big.grad = None
stable = LogSumExp.apply(big, 0)
stable.backward()
print(stable, big.grad)
# --8<-- [end:logsumexp]

# --8<-- [start:logsumexp-compare]
batch = torch.randn(2, 3, requires_grad=True)
ours = LogSumExp.apply(batch, 1)
theirs = torch.logsumexp(batch, 1)
print(ours)
print(theirs)
(grad_ours,) = torch.autograd.grad(ours.sum(), batch)
(grad_theirs,) = torch.autograd.grad(theirs.sum(), batch)
print(torch.allclose(grad_ours, grad_theirs))
# --8<-- [end:logsumexp-compare]

# --8<-- [start:gradcheck]
batch64 = batch.detach().to(torch.float64).requires_grad_()
print(torch.autograd.gradcheck(LogSumExp.apply, (batch64, 1)))
print(torch.autograd.gradgradcheck(LogSumExp.apply, (batch64, 1)))
# --8<-- [end:gradcheck]

# --8<-- [start:once-differentiable]
import numpy
from torch.autograd.function import once_differentiable


# the same forward and setup_context
class NumPyLogSumExp(LogSumExp):
    @staticmethod
    @once_differentiable
    def backward(ctx, grad_output):
        # .detach().cpu(): .numpy() refuses GPU tensors and, while tracking
        # is on, tensors that require grad
        t, result = (saved.detach().cpu().numpy() for saved in ctx.saved_tensors)
        softmax = numpy.exp(t - numpy.expand_dims(result, ctx.dim))
        # back to a tensor with grad_output's dtype and device
        softmax = torch.from_numpy(softmax).to(grad_output)
        return grad_output.unsqueeze(ctx.dim) * softmax, None


print(torch.autograd.gradcheck(NumPyLogSumExp.apply, (batch64, 1)))
print(torch.autograd.gradgradcheck(NumPyLogSumExp.apply, (batch64, 1), raise_exception=False))
# --8<-- [end:once-differentiable]

# This error is intended. Run as a script, the file prints it and carries on;
# the page shows the traceback.
try:
    # --8<-- [start:once-differentiable-error]
    lse = NumPyLogSumExp.apply(batch64, 1)
    (grad,) = torch.autograd.grad((lse**2).sum(), batch64, create_graph=True)
    grad.sum().backward()
    # --8<-- [end:once-differentiable-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:mark-non-differentiable]
class ReLUWithMask(torch.autograd.Function):
    @staticmethod
    def forward(t):
        mask = (t > 0).to(t.dtype)
        return t.clamp(min=0), mask

    @staticmethod
    def setup_context(ctx, inputs, output):
        _, mask = output
        ctx.mark_non_differentiable(mask)
        ctx.save_for_backward(mask)

    @staticmethod
    def backward(ctx, grad_output, grad_mask):
        print("grad_mask:", grad_mask)  # for the lesson only
        (mask,) = ctx.saved_tensors
        return grad_output * mask


x.grad = None
activations, mask = ReLUWithMask.apply(x)
print(activations, mask)
print(activations.requires_grad, mask.requires_grad)
activations.sum().backward()
print(x.grad)
# --8<-- [end:mark-non-differentiable]

# --8<-- [start:round]
w = torch.tensor([-0.8, -1.7, 2.2], requires_grad=True)
target = torch.tensor([1.0, 2.0, 3.0])
loss = ((w.round() - target) ** 2).sum()
loss.backward()
print(w.round(), w.grad)
# --8<-- [end:round]


# --8<-- [start:straight-through]
class RoundSTE(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t.round()

    @staticmethod
    def setup_context(ctx, inputs, output):
        pass  # `backward` needs nothing saved

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output  # as if round() were the identity


w.grad = None
rounded = RoundSTE.apply(w)
loss = ((rounded - target) ** 2).sum()
loss.backward()
print(rounded)
print(w.grad)
# --8<-- [end:straight-through]

# --8<-- [start:detach-trick]
ste_grad = w.grad.clone()
w.grad = None
rounded = w + (w.round() - w).detach()
((rounded - target) ** 2).sum().backward()
print(rounded)
print(torch.equal(w.grad, ste_grad))
# --8<-- [end:detach-trick]

# Exercises: docs/en/lessons/custom-function.md#exercises.


# This error is the exercise's answer. Run as a script, the file prints it and carries on;
# the page shows the traceback.
try:
    # --8<-- [start:exercise-1]
    class LogSumExpSavingDim(LogSumExp):
        @staticmethod
        def setup_context(ctx, inputs, output):
            t, dim = inputs
            ctx.save_for_backward(t, output, dim)

    LogSumExpSavingDim.apply(batch, 1)
    # --8<-- [end:exercise-1]
except TypeError as error:
    print(f"TypeError: {error}")


# --8<-- [start:exercise-2]
class Scale(torch.autograd.Function):
    @staticmethod
    def forward(t, s):
        return t * s

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad_output):
        t, s = ctx.saved_tensors
        # `s` is repeated on every row: its gradient adds up all the rows' shares
        return grad_output * s, (grad_output * t).sum_to_size(s.shape)


t = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]], requires_grad=True)
s = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
Scale.apply(t, s).sum().backward()
answer = s.grad
print(answer)
print(t.grad)
t64 = t.detach().to(torch.float64).requires_grad_()
s64 = s.detach().to(torch.float64).requires_grad_()
print(
    torch.autograd.gradcheck(Scale.apply, (t64, s64)),
    torch.autograd.gradgradcheck(Scale.apply, (t64, s64)),
)
# --8<-- [end:exercise-2]


# --8<-- [start:exercise-3]
class SignSTE(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t.sign()

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad_output):
        (t,) = ctx.saved_tensors
        # lets the gradient through only where |t| <= 1
        return grad_output * (t.abs() <= 1)


v = torch.tensor([-2.0, -0.5, 0.3, 1.0, 1.5], requires_grad=True)
SignSTE.apply(v).sum().backward()
answer = v.grad
print(answer)
# hardtanh, to compare
u = v.detach().requires_grad_()
torch.nn.functional.hardtanh(u).sum().backward()
print(u.grad)
# --8<-- [end:exercise-3]

# --8<-- [start:exercise-4]
for step in range(10):
    w.grad = None
    loss = ((RoundSTE.apply(w) - target) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    if step == 3:
        print("after step 4:", w[1].item())
answer = w.detach()
print(answer, answer.round(), loss.item())
print(answer[1].item())
# --8<-- [end:exercise-4]
