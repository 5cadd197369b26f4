"""Autograd en modelos reales: docs/es/lessons/real-models.md."""

# --8<-- [start:setup]
import torch

torch.manual_seed(0)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.body = torch.nn.Linear(3, 4)
        self.head = torch.nn.Linear(4, 1)

    def forward(self, inputs):
        return self.head(torch.tanh(self.body(inputs)))


model = Net()
inputs = torch.randn(5, 3)
targets = torch.randn(5, 1)
print(model)
# --8<-- [end:setup]

# --8<-- [start:parameter-leaf]
weight = model.body.weight
print(type(weight).__name__, isinstance(weight, torch.Tensor))
print(weight.is_leaf, weight.requires_grad, weight.grad_fn, weight.grad)
doubled = weight * 2
print(type(doubled).__name__, doubled.is_leaf, doubled.grad_fn.name())
# --8<-- [end:parameter-leaf]

# --8<-- [start:named-parameters]
for name, parameter in model.named_parameters():
    print(f"{name:12} {tuple(parameter.shape)}")
# --8<-- [end:named-parameters]

# --8<-- [start:backward]
loss = ((model(inputs) - targets) ** 2).mean()
loss.backward()
for name, parameter in model.named_parameters():
    print(f"{name:12} {tuple(parameter.grad.shape)} {parameter.grad.norm():.4f}")
# --8<-- [end:backward]

# --8<-- [start:freeze]
model.zero_grad()  # pone todos los .grad a None
model.body.requires_grad_(False)
print([name for name, p in model.named_parameters() if p.requires_grad])
features = torch.tanh(model.body(inputs))
print(features.requires_grad)
outputs = model(inputs)
inputs_of_head = outputs.grad_fn.next_functions
names = [type(fn).__name__ if fn is not None else None for fn, _ in inputs_of_head]
print(outputs.grad_fn.name(), names)
# --8<-- [end:freeze]

# --8<-- [start:fine-tune]
# copias de los valores (`clone()`), fuera del grafo (`detach()`)
body_before = model.body.weight.detach().clone()
head_before = model.head.weight.detach().clone()
# clone() a secas registra la copia en el grafo
print(model.head.weight.clone().requires_grad, head_before.requires_grad)
loss = ((model(inputs) - targets) ** 2).mean()
loss.backward()
with torch.no_grad():
    for parameter in model.parameters():
        if parameter.requires_grad:
            parameter -= 0.1 * parameter.grad
print(torch.equal(model.body.weight, body_before), model.body.weight.grad)
print(torch.equal(model.head.weight, head_before), model.head.weight.grad)
# --8<-- [end:fine-tune]

# --8<-- [start:unfreeze]
model.body.requires_grad_(True)
print(all(p.requires_grad for p in model.parameters()))
# --8<-- [end:unfreeze]

# --8<-- [start:graph-per-forward]
first = model(inputs)
second = model(inputs)
print(torch.equal(first, second), first.grad_fn is second.grad_fn)
first.sum().backward()
# tiene su propio grafo: el primer backward() no lo liberó
second.sum().backward()
# --8<-- [end:graph-per-forward]


# --8<-- [start:control-flow]
def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() < 0:
        b = 100 * b
    return b


def count_nodes(tensor):
    seen, stack = set(), [tensor.grad_fn]
    while stack:
        node = stack.pop()
        if node is not None and node not in seen:
            seen.add(node)
            stack.extend(fn for fn, _ in node.next_functions)
    return len(seen)


for value in (0.5, -30.0, 400.0):
    a = torch.tensor(value, requires_grad=True)
    c = f(a)
    c.backward()
    print(f"a = {value:6}  c = {c.item():9}  nodos: {count_nodes(c):2}  a.grad = {a.grad.item()}")
# --8<-- [end:control-flow]

# --8<-- [start:set-grad-enabled]
for training in (True, False):
    with torch.set_grad_enabled(training):
        outputs = model(inputs)
    print(training, outputs.requires_grad)
# --8<-- [end:set-grad-enabled]


# --8<-- [start:set-grad-enabled-decorator]
@torch.set_grad_enabled(False)
def predict(batch):
    return model(batch)


prediction = predict(inputs)
print(prediction.requires_grad, prediction.grad_fn, torch.is_grad_enabled())
# --8<-- [end:set-grad-enabled-decorator]

# Ejercicios: docs/es/lessons/real-models.md#exercises.


# --8<-- [start:exercise-1]
class Scaled(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(2, 1)
        self.scale = torch.nn.Parameter(torch.ones(1))
        self.offset = torch.zeros(1, requires_grad=True)

    def forward(self, batch):
        return self.scale * self.linear(batch) + self.offset


respuesta = [name for name, _ in Scaled().named_parameters()]
print(respuesta)
scaled = Scaled().to(torch.float64)
print(scaled.scale.dtype, scaled.offset.dtype, "offset" in scaled.state_dict())
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
model.zero_grad()
model.head.requires_grad_(False)
((model(inputs) - targets) ** 2).mean().backward()
respuesta = [name for name, p in model.named_parameters() if p.grad is None]
print(respuesta)
print(model.head.weight.grad, model.body.weight.grad.norm())
# --8<-- [end:exercise-2]

# --8<-- [start:exercise-3]
a = torch.tensor(0.1, requires_grad=True)
c = f(a)
c.backward()
respuesta = a.grad
print(c)
print(respuesta)
# --8<-- [end:exercise-3]

# --8<-- [start:exercise-4]
with torch.no_grad(), torch.set_grad_enabled(True):
    outputs = model(inputs)
respuesta = outputs.requires_grad
print(respuesta)
# --8<-- [end:exercise-4]
