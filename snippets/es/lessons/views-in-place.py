"""Vistas y operaciones in situ: docs/es/lessons/views-in-place.md."""

# --8<-- [start:view]
import torch

torch.manual_seed(0)
a = torch.arange(6.0)
m = a.view(2, 3)  # los mismos seis números, vistos como dos filas de tres
row = m[1]  # una vista de una vista
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

# Este error es intencionado. Si ejecutas el archivo, se imprime y la ejecución continúa;
# la página muestra la traza.
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
    w[0] = 0.0  # asignar a w[0] es copiar in situ en una vista
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
y.data.mul_(10)  # cambia y sin que autograd se entere
out.backward()
print(x.grad)
print(4 * (x.detach() + 2) / 3)  # el gradiente correcto
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

# Este error es intencionado. Si ejecutas el archivo, se imprime y la ejecución continúa;
# la página muestra la traza.
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
        return t.mul_(2)  # modifica su entrada in situ

    @staticmethod
    def setup_context(ctx, inputs, output):
        pass  # falta ctx.mark_dirty

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
# el mismo forward y el mismo backward que TwiceInPlaceUnmarked
class TwiceInPlace(TwiceInPlaceUnmarked):
    @staticmethod
    def setup_context(ctx, inputs, output):
        (t,) = inputs
        ctx.mark_dirty(t)  # t ha cambiado in situ


x.grad = None
y = x + 2
result = TwiceInPlace.apply(y)
print(result is y, y)
y.sum().backward()
print(x.grad)
# --8<-- [end:mark-dirty]

# Este error es intencionado. Si ejecutas el archivo, se imprime y la ejecución continúa;
# la página muestra la traza.
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
sin.sum().backward()  # cos no se usa
print(x.grad)
# --8<-- [end:materialized]


# --8<-- [start:not-materialized]
class SinCosLazy(SinCos):  # el mismo forward
    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)
        ctx.set_materialize_grads(False)  # None en lugar de ceros

    @staticmethod
    def backward(ctx, grad_sin, grad_cos):
        print("grad_sin:", grad_sin, "grad_cos:", grad_cos)
        (t,) = ctx.saved_tensors
        grad = None  # sin ceros: solo los términos que llegan
        if grad_sin is not None:
            grad = grad_sin * t.cos()
        if grad_cos is not None:
            cos_term = -grad_cos * t.sin()
            grad = cos_term if grad is None else grad + cos_term
        return grad  # None si no llegó ninguno


x.grad = None
sin, cos = SinCosLazy.apply(x)
sin.sum().backward()
print(x.grad)
# --8<-- [end:not-materialized]

# Ejercicios: docs/es/lessons/views-in-place.md#exercises.

# --8<-- [start:exercise-1]
m = torch.zeros(2, 3)
candidates = [m[0], m[:, 1], m[[0, 1]], m.t(), m.reshape(6), m.t().reshape(6)]
storage = m.untyped_storage().data_ptr()  # una vista comparte el almacenamiento de m
respuesta = [candidate.untyped_storage().data_ptr() == storage for candidate in candidates]
print(respuesta)
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
x.grad = None
y = x + 2
y[0] = 0.0  # una copia in situ en la vista y[0]
out = (y * y * 2).mean()
out.backward()
respuesta = x.grad
print(type(y.grad_fn).__name__)
print(respuesta)
# --8<-- [end:exercise-2]

# Este error es la respuesta del ejercicio. Si ejecutas el archivo, se imprime y la ejecución
# continúa; la página muestra la traza.
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
first = first * 2  # crea un tensor nuevo en lugar de modificar first in situ
(first + second + third).backward()
print(x.grad)
# --8<-- [end:exercise-3-fix]

# --8<-- [start:exercise-4]
print(leaf)
other = torch.ones(3, requires_grad=True)
TwiceInPlaceUnmarked.apply(other)  # sin mark_dirty: ningún error
print(other)
# --8<-- [end:exercise-4]
