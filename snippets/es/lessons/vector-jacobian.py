"""Cuatro formas de calcular el producto vector-jacobiano: docs/es/lessons/vector-jacobian.md."""

# --8<-- [start:setup]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)


def f(t):
    y = t + 2
    return y * y * 2


z = f(x)
v = torch.tensor([0.1, 1.0, 0.0001])
print(z)
# --8<-- [end:setup]

# --8<-- [start:by-hand]
print(x.detach() + 2)
print(v)
by_hand = 4 * (x.detach() + 2) * v
print(by_hand)
# --8<-- [end:by-hand]

# --8<-- [start:backward-v]
print(x.grad)
z.backward(v)
print(x.grad)
# --8<-- [end:backward-v]

# --8<-- [start:autograd-grad]
(from_grad,) = torch.autograd.grad(f(x), x, v)
print(from_grad)
# --8<-- [end:autograd-grad]

# --8<-- [start:func-vjp]
value, vjp_fn = torch.func.vjp(f, x.detach())
(from_vjp,) = vjp_fn(v)
print(value)
print(from_vjp)
# --8<-- [end:func-vjp]

# --8<-- [start:func-vjp-tracked]
value, vjp_fn = torch.func.vjp(f, x)
(tracked,) = vjp_fn(v)
print(value.grad_fn.name(), tracked.grad_fn.name())
print(torch.equal(tracked, from_vjp))
# --8<-- [end:func-vjp-tracked]

# --8<-- [start:jacobian]
jacobian = torch.func.jacrev(f)(x.detach())
print(jacobian)
from_jacobian = jacobian.T @ v
print(from_jacobian)
# --8<-- [end:jacobian]

# --8<-- [start:all-agree]
for name, result in [
    ("backward(v)", x.grad),
    ("autograd.grad", from_grad),
    ("func.vjp", from_vjp),
    ("jacobian.T @ v", from_jacobian),
]:
    print(name, torch.allclose(result, by_hand))
# --8<-- [end:all-agree]

# --8<-- [start:ones]
x.grad = None
f(x).backward(torch.ones_like(z))
with_ones = x.grad.clone()
x.grad = None
total = f(x).sum()
print(torch.ones_like(total))
total.backward()
print(with_ones)
print(x.grad)
print(torch.allclose(with_ones, x.grad))
# --8<-- [end:ones]

# --8<-- [start:exercise-1]
x.grad = None
v_mean = torch.full_like(z, 1 / 3)
respuesta = v_mean
print(respuesta)
f(x).backward(v_mean)
print(x.grad)
print(torch.allclose(x.grad, 4 * (x.detach() + 2) / 3))
# --8<-- [end:exercise-1]


# --8<-- [start:exercise-2]
def cumulative_sum(t):
    return torch.cumsum(t, dim=0)


cumsum_jacobian = torch.func.jacrev(cumulative_sum)(x.detach())
respuesta = cumsum_jacobian
print(respuesta)
(vjp,) = torch.autograd.grad(cumulative_sum(x), x, v)
print(vjp)
print(cumsum_jacobian.T @ v)
print(cumsum_jacobian @ v)
# --8<-- [end:exercise-2]

# --8<-- [start:exercise-3]
rows = []
for i in range(3):
    one_hot = torch.zeros(3)
    one_hot[i] = 1.0
    (row,) = torch.autograd.grad(cumulative_sum(x), x, one_hot)
    print(row)
    rows.append(row)
respuesta = torch.stack(rows)
print(torch.equal(respuesta, cumsum_jacobian))
# --8<-- [end:exercise-3]
