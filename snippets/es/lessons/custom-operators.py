"""Operadores personalizados con torch.library: docs/es/lessons/custom-operators.md."""

# --8<-- [start:setup]
import numpy
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
print(x)
# --8<-- [end:setup]


# Este error es intencionado. Si ejecutas el archivo, el error se imprime y la ejecución
# continúa; la página muestra la traza.
try:
    # --8<-- [start:numpy-error]
    numpy.sin(x.numpy())
    # --8<-- [end:numpy-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:numpy-cuts]
def plain_numpy_sin(t):
    return torch.from_numpy(numpy.sin(t.numpy(force=True))).to(t.device)


sin_x = plain_numpy_sin(x)
print(sin_x)
print(sin_x.requires_grad, sin_x.grad_fn)
# --8<-- [end:numpy-cuts]


# --8<-- [start:custom-op]
@torch.library.custom_op("autograd_tutorial::numpy_sin", mutates_args=())
def numpy_sin(t: torch.Tensor) -> torch.Tensor:
    # NumPy calcula fuera de PyTorch; el resultado vuelve al dispositivo de t
    return torch.from_numpy(numpy.sin(t.numpy(force=True))).to(t.device)


print(numpy_sin)
print(torch.ops.autograd_tutorial.numpy_sin)
sin_x = numpy_sin(x)
print(sin_x.requires_grad)
print(torch.allclose(sin_x, torch.sin(x)))
# --8<-- [end:custom-op]

# Este error es intencionado. Si ejecutas el archivo, el error se imprime y la ejecución
# continúa; la página muestra la traza.
try:
    # --8<-- [start:no-autograd]
    sin_x = numpy_sin(x)
    sin_x.sum().backward()
    # --8<-- [end:no-autograd]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:register-autograd]
def setup_context(ctx, inputs, output):
    (t,) = inputs
    ctx.save_for_backward(t)


def backward(ctx, grad):
    (t,) = ctx.saved_tensors
    return grad * t.cos()  # la derivada de sin es cos


numpy_sin.register_autograd(backward, setup_context=setup_context)

sin_x = numpy_sin(x)
sin_x.sum().backward()
print(x.grad)
print(torch.allclose(x.grad, x.detach().cos()))
# --8<-- [end:register-autograd]

# --8<-- [start:gradcheck]
x64 = x.detach().to(torch.float64).requires_grad_()
print(torch.autograd.gradcheck(numpy_sin, (x64,)))
print(torch.autograd.gradgradcheck(numpy_sin, (x64,)))
# --8<-- [end:gradcheck]

# --8<-- [start:meta]
shapes_only = torch.empty(1000, 3, device="meta")
print(shapes_only)
print(torch.sin(shapes_only))
# --8<-- [end:meta]

# Este error es intencionado. Si ejecutas el archivo, el error se imprime y la ejecución
# continúa; la página muestra la traza.
try:
    # --8<-- [start:no-fake]
    numpy_sin(shapes_only)
    # --8<-- [end:no-fake]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:register-fake]
@numpy_sin.register_fake
def _(t):
    # solo la forma, el tipo, el dispositivo y el avance del resultado: ningún dato
    return torch.empty_like(t)


print(numpy_sin(shapes_only))
# --8<-- [end:register-fake]

# --8<-- [start:opcheck]
print(torch.library.opcheck(numpy_sin, (x,)))
# --8<-- [end:opcheck]


# --8<-- [start:wrong-fake]
@torch.library.custom_op("autograd_tutorial::numpy_argsort", mutates_args=())
def numpy_argsort(t: torch.Tensor) -> torch.Tensor:
    return torch.from_numpy(numpy.argsort(t.numpy(force=True))).to(t.device)


@numpy_argsort.register_fake
def _(t):
    return torch.empty_like(t)  # mal: argsort devuelve posiciones, enteros


print(numpy_argsort(x))
# --8<-- [end:wrong-fake]

# Este error es intencionado. Si ejecutas el archivo, el error se imprime y la ejecución
# continúa; la página muestra la traza.
try:
    # --8<-- [start:wrong-fake-opcheck]
    torch.library.opcheck(numpy_argsort, (x.detach(),))
    # --8<-- [end:wrong-fake-opcheck]
except Exception as error:
    print(f"{type(error).__name__}: {error}")


# --8<-- [start:right-fake]
@numpy_argsort.register_fake
def _(t):
    return torch.empty_like(t, dtype=torch.int64)


print(torch.library.opcheck(numpy_argsort, (x.detach(),)))
# --8<-- [end:right-fake]


# --8<-- [start:opcheck-is-not-gradcheck]
@torch.library.custom_op("autograd_tutorial::numpy_cos", mutates_args=())
def numpy_cos(t: torch.Tensor) -> torch.Tensor:
    return torch.from_numpy(numpy.cos(t.numpy(force=True))).to(t.device)


@numpy_cos.register_fake
def _(t):
    return torch.empty_like(t)


def backward_cos(ctx, grad):
    (t,) = ctx.saved_tensors
    return grad * t.sin()  # mal: la derivada de cos es -sin


numpy_cos.register_autograd(backward_cos, setup_context=setup_context)

print(torch.library.opcheck(numpy_cos, (x,)))
print(torch.autograd.gradcheck(numpy_cos, (x64,), raise_exception=False))
# --8<-- [end:opcheck-is-not-gradcheck]


# --8<-- [start:numpy-function]
class NumPySin(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return torch.from_numpy(numpy.sin(t.numpy(force=True))).to(t.device)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad):
        (t,) = ctx.saved_tensors
        return grad * t.cos()


x.grad = None
NumPySin.apply(x).sum().backward()
print(x.grad)
# --8<-- [end:numpy-function]

# Este error es intencionado. Si ejecutas el archivo, el error se imprime y la ejecución
# continúa; la página muestra la traza.
try:
    # --8<-- [start:numpy-function-export]
    class UsesNumPySin(torch.nn.Module):
        def forward(self, t):
            return NumPySin.apply(t)

    torch.export.export(UsesNumPySin(), (x,))
    # --8<-- [end:numpy-function-export]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# Ejercicios: docs/es/lessons/custom-operators.md#exercises.


# Este error es la respuesta del ejercicio. Si ejecutas el archivo, el error se imprime y
# la ejecución continúa; la página muestra la traza.
try:
    # --8<-- [start:exercise-1]
    def numpy_tanh(t):  # sin anotaciones de tipo
        return torch.from_numpy(numpy.tanh(t.numpy(force=True))).to(t.device)

    decorator = torch.library.custom_op("autograd_tutorial::numpy_tanh", mutates_args=())
    numpy_tanh = decorator(numpy_tanh)  # lo que hace @decorator
    # --8<-- [end:exercise-1]
except ValueError as error:
    print(f"ValueError: {error}")


# --8<-- [start:exercise-2]
@torch.library.custom_op("autograd_tutorial::numpy_exp", mutates_args=())
def numpy_exp(t: torch.Tensor) -> torch.Tensor:
    return torch.from_numpy(numpy.exp(t.numpy(force=True))).to(t.device)


@numpy_exp.register_fake
def _(t):
    return torch.empty_like(t)


def setup_context_exp(ctx, inputs, output):
    ctx.save_for_backward(output)  # la derivada de exp es el propio resultado


def backward_exp(ctx, grad):
    (result,) = ctx.saved_tensors
    return grad * result


numpy_exp.register_autograd(backward_exp, setup_context=setup_context_exp)

x.grad = None
numpy_exp(x).sum().backward()
respuesta = x.grad
print(respuesta)
print(torch.allclose(respuesta, x.detach().exp()))
print(torch.autograd.gradcheck(numpy_exp, (x64,)))
print(torch.library.opcheck(numpy_exp, (x,)))
# --8<-- [end:exercise-2]


# --8<-- [start:exercise-3]
@torch.library.custom_op("autograd_tutorial::numpy_pow", mutates_args=())
def numpy_pow(t: torch.Tensor, p: float) -> torch.Tensor:
    return torch.from_numpy(numpy.power(t.numpy(force=True), p)).to(t.device)


@numpy_pow.register_fake
def _(t, p):
    return torch.empty_like(t)


def setup_context_pow(ctx, inputs, output):
    t, p = inputs
    ctx.save_for_backward(t)
    ctx.p = p  # un número, no un tensor: atributo de ctx


def backward_pow(ctx, grad):
    (t,) = ctx.saved_tensors
    return grad * ctx.p * t ** (ctx.p - 1), None  # None: p no tiene gradiente


numpy_pow.register_autograd(backward_pow, setup_context=setup_context_pow)

x.grad = None
numpy_pow(x, 3.0).sum().backward()
respuesta = x.grad
print(respuesta)
print(torch.allclose(respuesta, 3 * x.detach() ** 2))
# --8<-- [end:exercise-3]


# --8<-- [start:exercise-4]
@torch.library.custom_op("autograd_tutorial::numpy_sin_", mutates_args=())
def numpy_sin_(t: torch.Tensor) -> None:
    t.copy_(torch.from_numpy(numpy.sin(t.numpy(force=True))))  # escribe en t


values = torch.tensor([0.0, 1.0, 2.0])
numpy_sin_(values)
print(values)
# --8<-- [end:exercise-4]

# Este error es la respuesta del ejercicio. Si ejecutas el archivo, el error se imprime y
# la ejecución continúa; la página muestra la traza.
try:
    # --8<-- [start:exercise-4-opcheck]
    torch.library.opcheck(numpy_sin_, (torch.tensor([0.0, 1.0, 2.0]),))
    # --8<-- [end:exercise-4-opcheck]
except Exception as error:
    print(f"{type(error).__name__}: {error}")


# --8<-- [start:exercise-4-fixed]
@torch.library.custom_op("autograd_tutorial::numpy_sin_", mutates_args=("t",))
def numpy_sin_(t: torch.Tensor) -> None:
    t.copy_(torch.from_numpy(numpy.sin(t.numpy(force=True))))


respuesta = torch.library.opcheck(numpy_sin_, (torch.tensor([0.0, 1.0, 2.0]),))
print(respuesta)
# --8<-- [end:exercise-4-fixed]
