"""Views and in-place operations: docs/en/lessons/views-in-place.md."""

# --8<-- [start:view]
import torch

torch.manual_seed(0)
a = torch.arange(6.0)
m = a.view(2, 3)  # the same six numbers, seen as two rows of three
row = m[1]  # a view of a view
print(m._base is a, row._base is a)
print(row.untyped_storage().data_ptr() == a.untyped_storage().data_ptr())
print(row.storage_offset(), row.stride())
row.mul_(10)
print(a)
print(a._version, m._version, row._version)
# --8<-- [end:view]

# --8<-- [start:leaf]
x = torch.randn(3, requires_grad=True)
first = x[0]
print(x)
print(first._base is x, first.requires_grad, first.is_leaf)
# --8<-- [end:leaf]

# This error is intended. Run as a script, the file prints it and carries on; the page shows
# the traceback.
try:
    # --8<-- [start:leaf-error]
    first.mul_(2)
    # --8<-- [end:leaf-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:leaf-no-grad]
print(x)
w = torch.ones(3, requires_grad=True)
with torch.no_grad():
    w[0] = 0.0  # assigning to w[0] is an in-place copy into a view
print(w, w.is_leaf)
# --8<-- [end:leaf-no-grad]

# --8<-- [start:copy-slices]
y = x + 2
tail = y[1:]
print(type(y.grad_fn).__name__)
tail.mul_(10)
print(y)
print(type(y.grad_fn).__name__, type(y.grad_fn.next_functions[0][0]).__name__)
y.sum().backward()
print(x.grad)
# --8<-- [end:copy-slices]

# --8<-- [start:data]
x.grad = None
y = x + 2
z = y * y * 2
out = z.mean()
y.data.mul_(10)  # changes y behind autograd's back
out.backward()
print(x.grad)
print(4 * (x.detach() + 2) / 3)  # the right gradient
print(y._version)
# --8<-- [end:data]

# --8<-- [start:detach]
x.grad = None
y = x + 2
z = y * y * 2
out = z.mean()
alias = y.detach()
print(alias.requires_grad, alias.untyped_storage().data_ptr() == y.untyped_storage().data_ptr())
alias.mul_(10)
print(y._version, alias._version, y.data._version)
# --8<-- [end:detach]

# This error is intended. Run as a script, the file prints it and carries on; the page shows
# the traceback.
try:
    # --8<-- [start:detach-error]
    out.backward()
    # --8<-- [end:detach-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:unmarked]
class TwiceInPlaceUnmarked(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t.mul_(2)  # modifies its input in place

    @staticmethod
    def setup_context(ctx, inputs, output):
        pass  # ctx.mark_dirty is missing

    @staticmethod
    def backward(ctx, grad_output):
        return 2 * grad_output


x.grad = None
y = x + 2
result = TwiceInPlaceUnmarked.apply(y)
print(result is y, result._base is y, type(result.grad_fn).__name__)
print(y)
y.sum().backward()
print(x.grad)
# --8<-- [end:unmarked]


# --8<-- [start:mark-dirty]
# the same forward and backward as TwiceInPlaceUnmarked
class TwiceInPlace(TwiceInPlaceUnmarked):
    @staticmethod
    def setup_context(ctx, inputs, output):
        (t,) = inputs
        ctx.mark_dirty(t)  # t was changed in place


x.grad = None
y = x + 2
result = TwiceInPlace.apply(y)
print(result is y, y)
y.sum().backward()
print(x.grad)
# --8<-- [end:mark-dirty]

# This error is intended. Run as a script, the file prints it and carries on; the page shows
# the traceback.
try:
    # --8<-- [start:mark-dirty-leaf]
    leaf = torch.ones(3, requires_grad=True)
    TwiceInPlace.apply(leaf)
    # --8<-- [end:mark-dirty-leaf]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:materialized]
class SinCos(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t.sin(), t.cos()

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad_sin, grad_cos):
        print("grad_sin:", grad_sin, "grad_cos:", grad_cos)
        (t,) = ctx.saved_tensors
        return grad_sin * t.cos() - grad_cos * t.sin()


x.grad = None
sin, cos = SinCos.apply(x)
sin.sum().backward()  # cos is not used
print(x.grad)
# --8<-- [end:materialized]


# --8<-- [start:not-materialized]
class SinCosLazy(SinCos):  # the same forward
    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)
        ctx.set_materialize_grads(False)  # None instead of zeros

    @staticmethod
    def backward(ctx, grad_sin, grad_cos):
        print("grad_sin:", grad_sin, "grad_cos:", grad_cos)
        (t,) = ctx.saved_tensors
        grad = None  # no zeros: only the terms that arrive
        if grad_sin is not None:
            grad = grad_sin * t.cos()
        if grad_cos is not None:
            cos_term = -grad_cos * t.sin()
            grad = cos_term if grad is None else grad + cos_term
        return grad  # None if neither arrived


x.grad = None
sin, cos = SinCosLazy.apply(x)
sin.sum().backward()
print(x.grad)
# --8<-- [end:not-materialized]

# Exercises: docs/en/lessons/views-in-place.md#exercises.

# --8<-- [start:exercise-1]
m = torch.zeros(2, 3)
candidates = [m[0], m[:, 1], m[[0, 1]], m.t(), m.reshape(6), m.t().reshape(6)]
storage = m.untyped_storage().data_ptr()  # a view shares m's storage
answer = [candidate.untyped_storage().data_ptr() == storage for candidate in candidates]
print(answer)
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
x.grad = None
y = x + 2
y[0] = 0.0  # an in-place copy into the view y[0]
out = (y * y * 2).mean()
out.backward()
answer = x.grad
print(type(y.grad_fn).__name__)
print(answer)
# --8<-- [end:exercise-2]

# This error is the exercise's answer. Run as a script, the file prints it and carries on; the
# page shows the traceback.
try:
    # --8<-- [start:exercise-3]
    y = x + 2
    first, second, third = y.unbind()
    first.mul_(2)
    # --8<-- [end:exercise-3]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:exercise-3-fix]
x.grad = None
y = x + 2
first, second, third = y.unbind()
first = first * 2  # a new tensor instead of an in-place change
(first + second + third).backward()
print(x.grad)
# --8<-- [end:exercise-3-fix]

# --8<-- [start:exercise-4]
print(leaf)
other = torch.ones(3, requires_grad=True)
TwiceInPlaceUnmarked.apply(other)  # without mark_dirty: no error
print(other)
# --8<-- [end:exercise-4]
