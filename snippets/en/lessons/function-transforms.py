"""Your Function under torch.func: docs/en/lessons/function-transforms.md."""

# --8<-- [start:old-style]
import numpy
import torch
from torch.func import grad, hessian, jacfwd, jacrev, jvp, vmap

torch.manual_seed(0)
x = torch.randn(3)  # the running example's x, without requires_grad: torch.func does not need it


def numpy_tanh(t):  # NumPy does the calculation, outside PyTorch
    return torch.from_numpy(numpy.tanh(t.detach().cpu().numpy())).to(t)


class NumPyTanhOld(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):  # the old style: forward takes ctx
        result = numpy_tanh(t)
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        return grad_output * (1 - result * result)


leaf = x.clone().requires_grad_()
NumPyTanhOld.apply(leaf).sum().backward()  # with backward(), it works
print(leaf.grad)
# --8<-- [end:old-style]

# This error is intended. Run as a script, the file prints it and carries on; the page shows
# the traceback.
try:
    # --8<-- [start:old-style-error]
    grad(lambda t: NumPyTanhOld.apply(t).sum())(x)
    # --8<-- [end:old-style-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:reverse]
class NumPyTanh(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return numpy_tanh(t)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)

    @staticmethod
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        return grad_output * (1 - result * result)  # PyTorch operations: transformable


print(grad(lambda t: NumPyTanh.apply(t).sum())(x))
print(jacrev(NumPyTanh.apply)(x))
print(torch.allclose(jacrev(NumPyTanh.apply)(x), jacrev(torch.tanh)(x)))
# --8<-- [end:reverse]

# This error is intended. Run as a script, the file prints it and carries on; the page shows
# the traceback.
try:
    # --8<-- [start:jvp-error]
    # the direction: the first value of x
    v = torch.tensor([1.0, 0.0, 0.0])
    jvp(NumPyTanh.apply, (x,), (v,))
    # --8<-- [end:jvp-error]
except NotImplementedError as error:
    print(f"NotImplementedError: {error}")


# --8<-- [start:jvp]
class NumPyTanhJvp(NumPyTanh):  # the same forward and backward
    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)  # for backward
        ctx.save_for_forward(output)  # for jvp

    @staticmethod
    def jvp(ctx, t_tangent):
        (result,) = ctx.saved_tensors  # what save_for_forward saved
        return t_tangent * (1 - result * result)


print(jvp(NumPyTanhJvp.apply, (x,), (v,)))
print(jvp(torch.tanh, (x,), (v,)))
# --8<-- [end:jvp]

# This error is intended. Run as a script, the file prints it and carries on; the page shows
# the traceback.
try:
    # --8<-- [start:jacfwd-error]
    jacfwd(NumPyTanhJvp.apply)(x)
    # --8<-- [end:jacfwd-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:vmap]
class NumPyTanhBatched(NumPyTanhJvp):  # the same, with a vmap rule
    @staticmethod
    def vmap(info, in_dims, t):
        print("vmap rule:", info.batch_size, in_dims)
        # tanh works value by value: the batch dimension is just one more, and it stays put.
        return NumPyTanhBatched.apply(t), in_dims[0]


batch = torch.randn(4, 3)
print(torch.allclose(vmap(NumPyTanhBatched.apply)(batch), torch.tanh(batch)))
print(vmap(NumPyTanhBatched.apply, in_dims=1)(batch).shape)
# --8<-- [end:vmap]

# --8<-- [start:jacfwd]
print(jacfwd(NumPyTanhBatched.apply)(x))
print(torch.allclose(jacfwd(NumPyTanhBatched.apply)(x), jacrev(torch.tanh)(x)))
# --8<-- [end:jacfwd]


# --8<-- [start:generate]
class Tanh(torch.autograd.Function):
    generate_vmap_rule = True  # all PyTorch: let vmap generate the rule

    @staticmethod
    def forward(t):
        return t.tanh()

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)
        ctx.save_for_forward(output)

    @staticmethod
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        return grad_output * (1 - result * result)

    @staticmethod
    def jvp(ctx, t_tangent):
        (result,) = ctx.saved_tensors
        return t_tangent * (1 - result * result)


print(torch.allclose(vmap(Tanh.apply)(batch), torch.tanh(batch)))
print(torch.allclose(jacfwd(Tanh.apply)(x), jacrev(torch.tanh)(x)))
# --8<-- [end:generate]

# This error is intended. Run as a script, the file prints it and carries on; the page shows
# the traceback.
try:
    # --8<-- [start:generate-numpy]
    class NumPyTanhGenerated(NumPyTanhJvp):
        generate_vmap_rule = True  # but forward uses NumPy

    vmap(NumPyTanhGenerated.apply)(batch)
    # --8<-- [end:generate-numpy]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# This error is intended. Run as a script, the file prints it and carries on; the page shows
# the traceback.
try:
    # --8<-- [start:generate-both]
    class NumPyTanhBoth(NumPyTanhBatched):
        generate_vmap_rule = True  # and it also inherits a rule of its own

    vmap(NumPyTanhBoth.apply)(batch)
    # --8<-- [end:generate-both]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:hessian]
ours = hessian(lambda t: NumPyTanhBatched.apply(t).sum())(x)
print(ours)
print(torch.allclose(ours, hessian(lambda t: torch.tanh(t).sum())(x)))
# --8<-- [end:hessian]

# --8<-- [start:per-sample]
ours = vmap(grad(lambda t: NumPyTanhBatched.apply(t).sum()))(batch)
print(ours.shape)
print(torch.allclose(ours, vmap(grad(lambda t: torch.tanh(t).sum()))(batch)))
# --8<-- [end:per-sample]

# Exercises: docs/en/lessons/function-transforms.md#exercises.


# --8<-- [start:exercise-1]
calls = []


class NumPyTanhCounting(NumPyTanhBatched):
    @staticmethod
    def vmap(info, in_dims, t):
        calls.append(info.batch_size)  # records each call to the rule
        return NumPyTanhCounting.apply(t), in_dims[0]


def count(transformed):
    calls.clear()
    transformed()
    return len(calls)


answer = [
    count(lambda: jacfwd(NumPyTanhCounting.apply)(x)),
    count(lambda: vmap(NumPyTanhCounting.apply)(batch)),
    count(lambda: vmap(vmap(NumPyTanhCounting.apply))(batch.expand(2, 4, 3))),
]
print(answer)
print(calls)
# --8<-- [end:exercise-1]

# This error is the exercise's answer. Run as a script, the file prints it and carries on; the
# page shows the traceback.
try:
    # --8<-- [start:exercise-2]
    class NumPyTanhForgetful(NumPyTanhJvp):
        @staticmethod
        def setup_context(ctx, inputs, output):
            ctx.save_for_backward(output)  # and nothing for jvp

    jvp(NumPyTanhForgetful.apply, (x,), (v,))
    # --8<-- [end:exercise-2]
except ValueError as error:
    print(f"ValueError: {error}")


# --8<-- [start:exercise-3]
class NumPyLogSumExp(torch.autograd.Function):
    @staticmethod
    def forward(t, dim):
        array = t.detach().cpu().numpy()
        top = array.max(axis=dim, keepdims=True)
        result = numpy.log(numpy.exp(array - top).sum(axis=dim, keepdims=True)) + top
        return torch.from_numpy(result.squeeze(dim)).to(t)

    @staticmethod
    def setup_context(ctx, inputs, output):
        t, dim = inputs
        ctx.save_for_backward(t, output)
        ctx.dim = dim

    @staticmethod
    def backward(ctx, grad_output):
        t, result = ctx.saved_tensors
        softmax = (t - result.unsqueeze(ctx.dim)).exp()
        return grad_output.unsqueeze(ctx.dim) * softmax, None

    @staticmethod
    def vmap(info, in_dims, t, dim):
        print("vmap rule:", in_dims)
        t_dim, _ = in_dims  # dim is not a tensor: its in_dims is None
        t = t.movedim(t_dim, 0)  # the batch, in front
        dim = dim % (t.dim() - 1)  # a negative dim counts without the batch
        return NumPyLogSumExp.apply(t, dim + 1), 0


batches = torch.linspace(-2, 2, 24).view(4, 2, 3)
answer = vmap(lambda t: NumPyLogSumExp.apply(t, -1))(batches)
print(answer.shape)
print(torch.allclose(answer, torch.logsumexp(batches, -1)))
# --8<-- [end:exercise-3]
