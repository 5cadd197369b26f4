"""Non-scalar outputs and backward(v): docs/en/lessons/non-scalar.md."""

# --8<-- [start:setup]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = x + 2
out = (y * y * 2).mean()
out.backward()
first_grad = x.grad.clone()
print(first_grad)
# --8<-- [end:setup]

# --8<-- [start:non-scalar]
z = y * y * 2
print(y)
print(z)
# --8<-- [end:non-scalar]

# This error is intended. Run as a script, the file prints it and carries on;
# the page shows the traceback.
try:
    # --8<-- [start:implicit-error]
    z.backward()
    # --8<-- [end:implicit-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:backward-v]
v = torch.tensor([0.1, 1.0, 0.0001])
z.backward(v)
print(x.grad)
# --8<-- [end:backward-v]

# --8<-- [start:accumulated]
print(x.grad - first_grad)
print(torch.allclose(x.grad - first_grad, 4 * y * v))
# --8<-- [end:accumulated]


# --8<-- [start:jacobian]
def f(u):
    # The computation of z, as a function of its input
    return (u + 2) * (u + 2) * 2


# `jacrev(f)` is a new function; we call it on the values of x
jacobian = torch.func.jacrev(f)(x.detach())
print(jacobian)
print(v @ jacobian)
print(torch.allclose(v @ jacobian, x.grad - first_grad))
# --8<-- [end:jacobian]

# --8<-- [start:loss]
target = torch.tensor([25.0, 6.0, 0.0])
x.grad = None
z = y * y * 2
loss = ((z - target) ** 2).sum()
loss.backward()
through_loss = x.grad.clone()
print(through_loss)
# --8<-- [end:loss]

# --8<-- [start:v-from-loss]
x.grad = None
z = y * y * 2
# dL/dz_i = 2 (z_i - target_i), worked out by hand
grad_z = 2 * (z.detach() - target)
print(grad_z)
z.backward(grad_z)
print(x.grad)
print(torch.allclose(x.grad, through_loss))
# --8<-- [end:v-from-loss]

# Exercises: docs/en/lessons/non-scalar.md#exercises.

# --8<-- [start:exercise-1]
x.grad = None
(y * y * 2).sum().backward()
with_sum = x.grad.clone()
x.grad = None
answer = torch.ones(3)
(y * y * 2).backward(answer)
print(with_sum)
print(x.grad)
print(torch.equal(x.grad, with_sum))
# --8<-- [end:exercise-1]

# This error is the exercise's answer. Run as a script, the file prints it and carries on;
# the page shows the traceback.
try:
    # --8<-- [start:exercise-2]
    (y * y * 2).backward(torch.ones(2))
    # --8<-- [end:exercise-2]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# --8<-- [start:exercise-3]
x.grad = None
(y * y * 2).backward(torch.tensor([0.0, 1.0, 0.0]))
answer = x.grad
print(answer)
# --8<-- [end:exercise-3]
