"""Backpropagation from scratch: docs/en/lessons/from-scratch.md.

A scalar engine in about 60 lines (the sections value to backward), in the spirit of micrograd.
tools/graphs.py draws the graphs of `loss` (this engine's) and `loss_t` (PyTorch's) from the
sections expression to backward.
"""

# --8<-- [start:expression]
import torch

torch.manual_seed(0)


def f(x, w, b):
    h = w * x + b  # a neuron...
    out = h + h.tanh()  # ...with a residual connection
    return out**2


x_t = torch.tensor(1.5, dtype=torch.float64, requires_grad=True)
w_t = torch.tensor(-0.8, dtype=torch.float64, requires_grad=True)
b_t = torch.tensor(0.3, dtype=torch.float64, requires_grad=True)
loss_t = f(x_t, w_t, b_t)
loss_t.backward()
print(loss_t)
print(x_t.grad, w_t.grad, b_t.grad, sep="\n")
# --8<-- [end:expression]


# --8<-- [start:value]
class Value:
    """A number that remembers which operation made it, and from which Values."""

    def __init__(self, data, parents=(), op=""):
        # the number itself, a Python float
        self.data = data
        # d(final result)/d(this Value), filled in by backward()
        self.grad = 0.0
        # passes self.grad on to the parents (a leaf has none)
        self._backward = lambda: None
        # the Values this one was computed from
        self._parents = parents
        # the operation, for printing and drawing
        self._op = op

    def __repr__(self):
        return f"Value(data={self.data:.4f}, grad={self.grad:.4f})"


# --8<-- [end:value]


# --8<-- [start:add-mul]
def add(self, other):
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data + other.data, (self, other), "+")

    def _backward():  # d(out)/d(self) = 1, d(out)/d(other) = 1
        self.grad += out.grad
        other.grad += out.grad

    out._backward = _backward
    return out


def mul(self, other):
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data * other.data, (self, other), "*")

    def _backward():  # d(out)/d(self) = other, d(out)/d(other) = self
        self.grad += other.data * out.grad
        other.grad += self.data * out.grad

    out._backward = _backward
    return out


Value.__add__ = Value.__radd__ = add
Value.__mul__ = Value.__rmul__ = mul
# --8<-- [end:add-mul]

# --8<-- [start:tanh-pow]
import math


def tanh(self):
    t = math.tanh(self.data)
    out = Value(t, (self,), "tanh")

    def _backward():  # d tanh(a)/da = 1 - tanh(a)**2
        self.grad += (1 - t**2) * out.grad

    out._backward = _backward
    return out


def power(self, n):  # n is a plain number, not a Value
    out = Value(self.data**n, (self,), f"**{n}")

    def _backward():  # d(a**n)/da = n * a**(n - 1)
        self.grad += n * self.data ** (n - 1) * out.grad

    out._backward = _backward
    return out


Value.tanh = tanh
Value.__pow__ = power
# --8<-- [end:tanh-pow]

# --8<-- [start:forward]
x, w, b = Value(1.5), Value(-0.8), Value(0.3)
loss = f(x, w, b)
print(loss)
# --8<-- [end:forward]


# --8<-- [start:topological-order]
def topological_order(root):
    """Every Value that root depends on, once, each one after all the Values it was
    computed from."""
    order, visited = [], set()

    def visit(value):
        if value not in visited:
            visited.add(value)
            for parent in value._parents:
                visit(parent)
            order.append(value)  # only once all its parents are in

    visit(root)
    return order


print([value._op or value.data for value in topological_order(loss)])
# --8<-- [end:topological-order]


# --8<-- [start:backward]
def backward(self):
    self.grad = 1.0  # d(self)/d(self)
    # each one after all the Values that use it
    for value in reversed(topological_order(self)):
        value._backward()


Value.backward = backward
loss.backward()
for value in topological_order(loss):
    print(f"{value._op or 'leaf':>4}", value)
# --8<-- [end:backward]

# --8<-- [start:compare]
pairs = [(x, x_t), (w, w_t), (b, b_t)]
for value, tensor in pairs:
    print(repr(value.grad), repr(tensor.grad.item()))
print(all(math.isclose(v.grad, t.grad.item(), rel_tol=1e-12) for v, t in pairs))
h = w.data * x.data + b.data
print(repr(math.tanh(h)), repr(torch.tanh(torch.tensor(h, dtype=torch.float64)).item()))
# --8<-- [end:compare]


# --8<-- [start:wrong-order]
def backward_unsorted(root):
    """Wrong on purpose: each Value once, in the order in which a breadth-first search
    from the result finds them."""
    root.grad = 1.0
    pending, seen = [root], {root}
    while pending:
        value = pending.pop(0)
        value._backward()
        for parent in value._parents:
            if parent not in seen:
                seen.add(parent)
                pending.append(parent)


x, w, b = Value(1.5), Value(-0.8), Value(0.3)
backward_unsorted(f(x, w, b))
print(x, w, b, sep="\n")
# --8<-- [end:wrong-order]

# Exercises: docs/en/lessons/from-scratch.md#exercises.


# --8<-- [start:exercise-1]
def exp(self):
    out = Value(math.exp(self.data), (self,), "exp")

    def _backward():  # d exp(a)/da = exp(a), which out already holds
        self.grad += out.data * out.grad

    out._backward = _backward
    return out


Value.exp = exp
a = Value(0.5)
(a * a.exp()).backward()
a_t = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
(a_t * a_t.exp()).backward()
answer = a.grad
print(answer, a_t.grad.item())
# --8<-- [end:exercise-1]


# --8<-- [start:exercise-2]
# add with = instead of +=: wrong on purpose
def add_overwriting(self, other):
    out = Value(self.data + other.data, (self, other), "+")

    def _backward():
        self.grad = out.grad
        other.grad = out.grad

    out._backward = _backward
    return out


a = Value(3.0)
(a + a).backward()
answer = a.grad
print(answer)
a = Value(3.0)
add_overwriting(a, a).backward()
print(a.grad)
# PyTorch adds up the two uses before the leaf: the hook is called only once
a_t = torch.tensor(3.0, requires_grad=True)
a_t.register_hook(print)
(a_t + a_t).backward()
# and it adds them up even when there is no .grad to accumulate into
b_t = torch.tensor(3.0, requires_grad=True)
print(torch.autograd.grad(b_t + b_t, b_t), b_t.grad)
# --8<-- [end:exercise-2]


# --8<-- [start:exercise-3]
Value.__neg__ = lambda self: self * -1
Value.__sub__ = lambda self, other: self + (-other)

x, w = Value(1.5), Value(-0.8)
(x * x - w).backward()
answer = [x.grad, w.grad]
print(answer)
# --8<-- [end:exercise-3]

# --8<-- [start:exercise-4]
x_t, w_t, b_t = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (1.5, -0.8, 0.3))
loss_t = f(x_t, w_t, b_t)
ran, pending, seen = [], [loss_t.grad_fn], set()
while pending:
    node = pending.pop()
    if node is not None and node not in seen:
        seen.add(node)
        node.register_prehook(lambda grad_outputs, node=node: ran.append(node.name()))
        pending += [child for child, _ in node.next_functions]
loss_t.backward()
# AccumulateGrad's name() starts with its C++ namespace
# (torch::autograd::); keep only the last part
answer = [name.rpartition("::")[2] for name in ran]
print(answer)
# --8<-- [end:exercise-4]
