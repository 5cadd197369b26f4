"""Memoria, lo que guarda el grafo: docs/es/lessons/memory.md.

tools/graphs.py dibuja el grafo con checkpoint a partir de las secciones `model` y
`checkpoint-picture`.
"""

# --8<-- [start:saved-tensors]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)


# pasada hacia delante: un nodo guarda un tensor
def pack(tensor):
    print("guardado:", tensor)
    # no el propio tensor: si es la salida del nodo, los dos se apuntarían
    # el uno al otro (un ciclo de referencias)
    return tensor.detach()


# pasada hacia atrás: el nodo lo recupera
def unpack(tensor):
    print("usado:   ", tensor)
    return tensor


with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    y = x + 2
    z = y * y * 2
    out = z.mean()
# el 2 de `* 2` también se guarda, como tensor, pero pack no lo ve
# (`_saved_other` es un atributo interno)
print(z.grad_fn._saved_other)
out.backward()
# --8<-- [end:saved-tensors]


# --8<-- [start:saved-bytes]
def saved_bytes(fn, *args, skip=()):
    """Ejecuta fn(*args) y cuenta los bytes que ocupan los tensores que guarda su grafo.

    Cada almacenamiento cuenta una vez, y la memoria de `skip` no cuenta (los parámetros,
    que existen de todos modos)."""
    skipped = {t.untyped_storage().data_ptr() for t in skip}
    storages = {}

    def pack(tensor):
        # la memoria del tensor, compartida con sus vistas
        storage = tensor.untyped_storage()
        if storage.data_ptr() not in skipped:
            storages[storage.data_ptr()] = storage
        return tensor.detach()

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        result = fn(*args)
    return result, sum(storage.nbytes() for storage in storages.values())


a, b = torch.randn(1000, requires_grad=True), torch.randn(1000, requires_grad=True)
operations = {
    "a + b": lambda: a + b,
    "a * b": lambda: a * b,
    "a * a": lambda: a * a,
    "a.exp()": lambda: a.exp(),
    "a.sin()": lambda: a.sin(),
    "a.relu()": lambda: a.relu(),
    "a.sum()": lambda: a.sum(),
}
for code, operation in operations.items():
    _, nbytes = saved_bytes(operation)
    print(f"{code:8} {nbytes:5} bytes")
# --8<-- [end:saved-bytes]

# --8<-- [start:kept-alive]
import weakref


# envuelve cada tensor guardado, para ver cuándo lo suelta el grafo
class Box:
    def __init__(self, tensor):
        self.tensor = tensor


boxes = weakref.WeakSet()  # las cajas que siguen vivas


def pack_in_box(tensor):
    box = Box(tensor.detach())
    boxes.add(box)
    return box


with torch.autograd.graph.saved_tensors_hooks(pack_in_box, lambda box: box.tensor):
    y = x + 2
    z = y * y * 2
    out = z.mean()
print(len(boxes))
out.backward(retain_graph=True)
print(len(boxes))
out.backward()
print(len(boxes))
# --8<-- [end:kept-alive]

# --8<-- [start:dropped]
with torch.autograd.graph.saved_tensors_hooks(pack_in_box, lambda box: box.tensor):
    y = x + 2
    z = y * y * 2
    out = z.mean()
print(len(boxes))
del out
print(len(boxes))
del z
print(len(boxes))
# --8<-- [end:dropped]

# --8<-- [start:save-on-cpu]
from torch.autograd.graph import save_on_cpu, saved_tensors_hooks

print(issubclass(save_on_cpu, saved_tensors_hooks))
x.grad = None
with save_on_cpu():
    y = x + 2
    z = y * y * 2
    out = z.mean()
out.backward()
print(x.grad)
# --8<-- [end:save-on-cpu]

# --8<-- [start:model]
import torch
from torch import nn
from torch.utils.checkpoint import checkpoint

torch.manual_seed(0)
blocks = nn.ModuleList(
    nn.Sequential(nn.Linear(16, 64), nn.Tanh(), nn.Linear(64, 16)) for _ in range(4)
)
params = list(blocks.parameters())
batch = torch.randn(32, 16)


def run(checkpointed):
    h = batch
    for block in blocks:
        h = checkpoint(block, h, use_reentrant=False) if checkpointed else block(h)
    return h.pow(2).mean()


# --8<-- [end:model]

# --8<-- [start:checkpoint]
loss, plain_bytes = saved_bytes(run, False, skip=params)
plain_grads = torch.autograd.grad(loss, params)
loss, checkpointed_bytes = saved_bytes(run, True, skip=params)
checkpointed_grads = torch.autograd.grad(loss, params)
print(plain_bytes, checkpointed_bytes)
# lo que guarda un bloque, en bytes: su entrada y el resultado de `tanh`
print(batch.nbytes, blocks[0][:2](batch).nbytes)
print(all(torch.equal(g, h) for g, h in zip(plain_grads, checkpointed_grads, strict=True)))
# --8<-- [end:checkpoint]

# --8<-- [start:recomputed]
calls = []
blocks[0].register_forward_pre_hook(lambda module, args: calls.append(module))
loss = run(True)
print(len(calls))
loss.backward()
print(len(calls))
# --8<-- [end:recomputed]

# --8<-- [start:checkpoint-picture]
h = blocks[0](batch)
h2 = checkpoint(blocks[1], h, use_reentrant=False)
loss = h2.pow(2).mean()
print(h2.grad_fn.name(), blocks[1](h).grad_fn.name())
# --8<-- [end:checkpoint-picture]

# Ejercicios: docs/es/lessons/memory.md#exercises.

# --8<-- [start:exercise-1]
w = torch.randn(100, requires_grad=True)


# un bucle de evaluación, sin no_grad()
def evaluate(as_number):
    total = 0
    with torch.autograd.graph.saved_tensors_hooks(pack_in_box, lambda box: box.tensor):
        for step in range(5):
            loss = (w * torch.randn(100)).tanh().mean()
            total = total + (loss.item() if as_number else loss)
    return total


total = evaluate(as_number=False)
respuesta = [len(boxes)]
total = evaluate(as_number=True)
respuesta.append(len(boxes))
print(respuesta)
# --8<-- [end:exercise-1]


# --8<-- [start:exercise-2]
def run_every_other(h):
    for number, block in enumerate(blocks):
        h = checkpoint(block, h, use_reentrant=False) if number % 2 else block(h)
    return h.pow(2).mean()


loss, respuesta = saved_bytes(run_every_other, batch, skip=params)
print(plain_bytes, respuesta, checkpointed_bytes)
# --8<-- [end:exercise-2]

# --8<-- [start:exercise-3]
for p in params:
    p.grad = None
h = checkpoint(blocks[0], batch, use_reentrant=True)
print(h.requires_grad)
for block in blocks[1:]:
    h = block(h)
h.pow(2).mean().backward()
respuesta = blocks[0][0].weight.grad
print(respuesta, blocks[1][0].weight.grad is not None)
# --8<-- [end:exercise-3]
