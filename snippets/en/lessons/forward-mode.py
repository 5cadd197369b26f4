"""Forward mode and torch.func: docs/en/lessons/forward-mode.md."""

# --8<-- [start:dual-number]
import torch
import torch.autograd.forward_ad as fwAD

torch.manual_seed(0)
a = torch.tensor(3.0)
with fwAD.dual_level():
    dual = fwAD.make_dual(a, torch.tensor(1.0))  # a + 1ε
    result = dual * dual
    primal, tangent = fwAD.unpack_dual(result)
print(primal, tangent)
# --8<-- [end:dual-number]

# --8<-- [start:running-example]
# the running example's values (forward mode needs no requires_grad)
x = torch.randn(3)
print(x)
v = torch.tensor([1.0, 0.0, 0.0])
with fwAD.dual_level():
    dual_x = fwAD.make_dual(x, v)
    y = dual_x + 2
    z = y * y * 2
    out = z.mean()
    print(fwAD.unpack_dual(z).tangent)
    print(fwAD.unpack_dual(out))
# --8<-- [end:running-example]

# --8<-- [start:whole-gradient]
with fwAD.dual_level():
    # one pass per input: (1, 0, 0), (0, 1, 0), (0, 0, 1)
    for v in torch.eye(3):
        out = (2 * (fwAD.make_dual(x, v) + 2) ** 2).mean()
        print(fwAD.unpack_dual(out).tangent)

x_leaf = x.clone().requires_grad_()
# one pass for all of them
(2 * (x_leaf + 2) ** 2).mean().backward()
print(x_leaf.grad)
# --8<-- [end:whole-gradient]

# --8<-- [start:jvp-vjp]
from torch.func import jvp, vjp


def g(x):  # three inputs, two outputs
    return torch.stack([x.sum(), (x * x).sum()])


# J v: v has the input's shape
_, jv = jvp(g, (x,), (torch.tensor([1.0, 0.0, 0.0]),))
print(jv)
_, vjp_fn = vjp(g, x)
# J^T v: v has the output's shape
(vj,) = vjp_fn(torch.tensor([0.0, 1.0]))
print(vj)
# --8<-- [end:jvp-vjp]

# --8<-- [start:jacfwd-jacrev]
from torch.func import jacfwd, jacrev

jacobian = jacrev(g)(x)
print(jacobian)
print(torch.equal(jacfwd(g)(x), jacobian))
# --8<-- [end:jacfwd-jacrev]


# --8<-- [start:counting]
# forward mode: one JVP per input
def jacobian_by_columns(f, x):
    columns = [jvp(f, (x,), (v,))[1] for v in torch.eye(x.numel())]
    return torch.stack(columns, dim=1), len(columns)


# reverse mode: one VJP per output
def jacobian_by_rows(f, x):
    out, vjp_fn = vjp(f, x)
    rows = [vjp_fn(v)[0] for v in torch.eye(out.numel())]
    return torch.stack(rows), len(rows)


def loss_like(t):  # many inputs, one output
    return (t * t).sum().reshape(1)


def curve(t):  # one input, many outputs
    return torch.sin(t * torch.arange(100.0))


for f, point in [(loss_like, torch.randn(100)), (curve, torch.randn(1))]:
    J_columns, jvps = jacobian_by_columns(f, point)
    J_rows, vjps = jacobian_by_rows(f, point)
    same = torch.allclose(J_columns, J_rows)
    print(f"{f.__name__}: J {tuple(J_rows.shape)}, JVP: {jvps}, VJP: {vjps}, same J: {same}")
# --8<-- [end:counting]

# --8<-- [start:grad]
from torch.func import grad


def mean_of_z(x):
    return (2 * (x + 2) ** 2).mean()


print(grad(mean_of_z)(x))
print(torch.allclose(grad(mean_of_z)(x), 4 * (x + 2) / 3))
# --8<-- [end:grad]

# --8<-- [start:hessian]
from torch.func import hessian

print(hessian(mean_of_z)(x))
print(torch.equal(hessian(mean_of_z)(x), jacfwd(jacrev(mean_of_z))(x)))
# --8<-- [end:hessian]

# --8<-- [start:per-sample]
from torch import nn
from torch.func import functional_call, vmap

model = nn.Linear(3, 1)
inputs, targets = torch.randn(8, 3), torch.randn(8, 1)
params = {name: p.detach() for name, p in model.named_parameters()}


# `vmap` passes in a single sample, without the batch dimension;
# `unsqueeze(0)` turns it into a batch of one
def sample_loss(params, sample, target):
    prediction = functional_call(model, params, (sample.unsqueeze(0),))
    return ((prediction - target) ** 2).mean()


per_sample = vmap(grad(sample_loss), in_dims=(None, 0, 0))(params, inputs, targets)
print({name: tuple(g.shape) for name, g in per_sample.items()})
# --8<-- [end:per-sample]

# --8<-- [start:per-sample-loop]
looped = {name: [] for name in params}
for sample, target in zip(inputs, targets, strict=True):
    model.zero_grad()
    ((model(sample.unsqueeze(0)) - target) ** 2).mean().backward()
    for name, p in model.named_parameters():
        looped[name].append(p.grad.clone())
print(all(torch.allclose(per_sample[name], torch.stack(looped[name])) for name in params))
# --8<-- [end:per-sample-loop]

# Exercises: docs/en/lessons/forward-mode.md#exercises.

# --8<-- [start:exercise-1]
a = torch.tensor(2.0)
with fwAD.dual_level():
    dual = fwAD.make_dual(a, torch.tensor(1.0))
    answer = fwAD.unpack_dual(torch.sin(dual) * dual).tangent
print(answer)
print(torch.cos(a) * a + torch.sin(a))
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
v = torch.ones(3) / 3**0.5
_, answer = jvp(mean_of_z, (x,), (v,))
print(answer)
print(grad(mean_of_z)(x) @ v)
# --8<-- [end:exercise-2]

# --8<-- [start:exercise-3]
v = torch.tensor([1.0, 2.0, 3.0])
_, answer = jvp(grad(mean_of_z), (x,), (v,))
print(answer)
print(hessian(mean_of_z)(x) @ v)
# --8<-- [end:exercise-3]

# --8<-- [start:exercise-4]
squares = [g.flatten(start_dim=1).pow(2).sum(dim=1) for g in per_sample.values()]
# one norm per sample
answer = torch.stack(squares).sum(dim=0).sqrt()
print(answer)
looped_norms = [torch.cat([looped[n][i].flatten() for n in params]).norm() for i in range(8)]
print(torch.allclose(answer, torch.stack(looped_norms)))
# --8<-- [end:exercise-4]
