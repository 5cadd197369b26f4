"""El grafo, a la vista: docs/es/lessons/graph-shown.md.

tools/graphs.py dibuja la figura de la lección a partir de la sección `running-example`.
"""

# --8<-- [start:running-example]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = x + 2
z = y * y * 2
out = z.mean()
print(out)
# --8<-- [end:running-example]

# --8<-- [start:next-functions]
print(out.grad_fn.name())
for node, index in out.grad_fn.next_functions:
    print(node.name(), index)
# --8<-- [end:next-functions]

# --8<-- [start:none-entry]
for node, index in z.grad_fn.next_functions:
    print(None if node is None else node.name(), index)
# --8<-- [end:none-entry]


# --8<-- [start:walk]
def show(node, depth=0):
    print("    " * depth + node.name())
    for child, _ in node.next_functions:
        if child is not None:
            show(child, depth + 1)


show(out.grad_fn)
# --8<-- [end:walk]

# --8<-- [start:same-node]
mul_node = z.grad_fn.next_functions[0][0]
(left, _), (right, _) = mul_node.next_functions
print(left is right, left is y.grad_fn)
leaf_node = left.next_functions[0][0]
print(leaf_node.variable is x)
# --8<-- [end:same-node]


# --8<-- [start:order]
order = []


# una función aparte: cada lambda guarda su propio `node` (una lambda escrita
# dentro del bucle vería solo el último)
def record(node):
    node.register_prehook(lambda grad_outputs: order.append(node.name()))


for node in (out.grad_fn, z.grad_fn, mul_node, y.grad_fn, leaf_node):
    record(node)
out.backward(retain_graph=True)
for name in order:
    print(name)
print(x.grad)
# --8<-- [end:order]

# --8<-- [start:mul-backward]
print(z.grad_fn(torch.ones(3)))
# --8<-- [end:mul-backward]

# --8<-- [start:suffix]
print(x.sum().grad_fn.name())
print(x.sum(0).grad_fn.name())
print(torch.ops.aten.mul.Scalar(x, 2.0).grad_fn.name())
# --8<-- [end:suffix]


# --8<-- [start:saved]
def show_saved(node):
    print(node.name())
    for name in dir(node):
        if name.startswith("_saved_"):
            print("   ", name, getattr(node, name))


for node in (out.grad_fn, z.grad_fn, mul_node, y.grad_fn):
    show_saved(node)
exp_x = x.exp()
show_saved(exp_x.grad_fn)
print(torch.equal(exp_x.grad_fn._saved_result, exp_x))
# --8<-- [end:saved]

# --8<-- [start:exercise-1]
show((x * x + x).sum().grad_fn)
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
seen, pending = set(), [out.grad_fn]
while pending:
    node = pending.pop()
    if node not in seen:
        seen.add(node)
        pending += [child for child, _ in node.next_functions if child is not None]
respuesta = len(seen)
print(respuesta)
print(sorted(node.name() for node in seen))
# --8<-- [end:exercise-2]

# --8<-- [start:exercise-3]
with torch.no_grad():
    grad = out.grad_fn(torch.tensor(1.0))
    print(grad)
    grad, _ = z.grad_fn(grad)
    print(grad)
    grad_left, grad_right = mul_node(grad)
    grad, _ = y.grad_fn(grad_left + grad_right)
print(grad)
print(torch.allclose(grad, 4 * (x + 2) / 3))
# --8<-- [end:exercise-3]
