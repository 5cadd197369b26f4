"""La doble pasada hacia atrás de tu propia Function: docs/es/lessons/double-backward.md."""

# --8<-- [start:tanh]
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)


class Tanh(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t.tanh()

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)  # la derivada se escribe con la salida

    @staticmethod
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        return grad_output * (1 - result * result)  # solo operaciones de PyTorch


tanh_x = Tanh.apply(x)
(first,) = torch.autograd.grad(tanh_x.sum(), x, create_graph=True)
print(tanh_x)
print(first)
# --8<-- [end:tanh]

# --8<-- [start:second]
(second,) = torch.autograd.grad(first.sum(), x)
print(second)
r = torch.tanh(x.detach())
print(-2 * r * (1 - r * r))  # la derivada segunda de tanh, a mano
# --8<-- [end:second]


# --8<-- [start:calls]
class TanhTalking(Tanh):  # el mismo forward; su backward imprime lo que recibe y llama al de Tanh
    @staticmethod
    def backward(ctx, grad_output):
        print("backward recibe", grad_output)
        return Tanh.backward(ctx, grad_output)


tanh_x = TanhTalking.apply(x)
(first,) = torch.autograd.grad(tanh_x.sum(), x, create_graph=True)
(second,) = torch.autograd.grad(first.sum(), x)
print(-2 * r)
# --8<-- [end:calls]

# --8<-- [start:gradgradcheck]
x64 = x.detach().to(torch.float64).requires_grad_()
print(torch.autograd.gradcheck(Tanh.apply, (x64,)))
print(torch.autograd.gradgradcheck(Tanh.apply, (x64,)))
# --8<-- [end:gradgradcheck]

# --8<-- [start:once]
from torch.autograd.function import once_differentiable


class TanhOnce(Tanh):  # el mismo forward y el mismo setup_context
    @staticmethod
    @once_differentiable
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        return grad_output * (1 - result * result)


print(torch.autograd.gradcheck(TanhOnce.apply, (x64,)))
# --8<-- [end:once]

# --8<-- [start:once-silent]
# x**2 llega a x sin pasar por TanhOnce
(first,) = torch.autograd.grad((TanhOnce.apply(x) + x**2).sum(), x, create_graph=True)
(second,) = torch.autograd.grad(first.sum(), x, retain_graph=True)
print(second)
first.sum().backward()
print(x.grad)
print(-2 * r * (1 - r * r) + 2)  # la correcta: la derivada segunda de tanh, más 2
x.grad = None  # reiniciamos el gradiente para lo que sigue
# --8<-- [end:once-silent]

# Este fallo de la comprobación es intencionado. Si ejecutas el archivo, se imprime y la
# ejecución continúa; la página lo muestra.
try:
    # --8<-- [start:once-gradgradcheck]
    torch.autograd.gradgradcheck(TanhOnce.apply, (x64,))
    # --8<-- [end:once-gradgradcheck]
except RuntimeError as error:  # GradcheckError es un RuntimeError
    print(f"{type(error).__name__}: {error}")


# --8<-- [start:once-error-node]
grad_output = torch.ones(3, requires_grad=True)  # un grad_output que requiere gradiente
(first,) = torch.autograd.grad(TanhOnce.apply(x), x, grad_output, create_graph=True)
print(first)
leaf = first.grad_fn.next_functions[0][0].variable  # la hoja a la que lleva el nodo Error
print(leaf, leaf is x)
# --8<-- [end:once-error-node]


# --8<-- [start:intermediate]
class TanhWithSlope(torch.autograd.Function):
    @staticmethod
    def forward(t):
        result = t.tanh()
        return result, 1 - result * result  # la pendiente, un tensor intermedio, como salida

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*output)

    @staticmethod
    def backward(ctx, grad_output, grad_slope):
        _, slope = ctx.saved_tensors
        return grad_output * slope  # no usa grad_slope


tanh_x, slope = TanhWithSlope.apply(x)
(first,) = torch.autograd.grad(tanh_x.sum(), x, create_graph=True)
(second,) = torch.autograd.grad(first.sum(), x)
print(first)
print(second)
# --8<-- [end:intermediate]


# --8<-- [start:intermediate-fixed]
class TanhWithSlopeFixed(TanhWithSlope):  # el mismo forward y el mismo setup_context
    @staticmethod
    def backward(ctx, grad_output, grad_slope):
        result, slope = ctx.saved_tensors
        # La pendiente 1 - tanh² también depende de t: su derivada es -2 tanh (1 - tanh²).
        return grad_output * slope - grad_slope * 2 * result * slope


tanh_x, slope = TanhWithSlopeFixed.apply(x)
(first,) = torch.autograd.grad(tanh_x.sum(), x, create_graph=True)
(second,) = torch.autograd.grad(first.sum(), x)
print(second)
print(
    torch.autograd.gradgradcheck(lambda t: TanhWithSlope.apply(t)[0], (x64,), raise_exception=False)
)
print(torch.autograd.gradgradcheck(lambda t: TanhWithSlopeFixed.apply(t)[0], (x64,)))
# --8<-- [end:intermediate-fixed]


# --8<-- [start:one-per-input]
class Scale(torch.autograd.Function):
    @staticmethod
    def forward(t, factor):
        return t * factor

    @staticmethod
    def setup_context(ctx, inputs, output):
        # un número, no un tensor: un atributo de ctx
        ctx.factor = inputs[1]

    @staticmethod
    def backward(ctx, grad_output):
        # None: factor no es un tensor
        return grad_output * ctx.factor, None


Scale.apply(x, 3.0).sum().backward()
print(x.grad)
# --8<-- [end:one-per-input]

# Este error es intencionado. Si ejecutas el archivo, se imprime y la ejecución continúa;
# la página muestra la traza.
try:
    # --8<-- [start:too-few]
    class ScaleForgettingNone(Scale):
        @staticmethod
        def backward(ctx, grad_output):
            return grad_output * ctx.factor

    ScaleForgettingNone.apply(x, 3.0).sum().backward()
    # --8<-- [end:too-few]
except RuntimeError as error:
    print(f"RuntimeError: {error}")

# Este error es intencionado. Si ejecutas el archivo, se imprime y la ejecución continúa;
# la página muestra la traza.
try:
    # --8<-- [start:not-none]
    class ScaleWithZero(Scale):
        @staticmethod
        def backward(ctx, grad_output):
            return grad_output * ctx.factor, torch.tensor(0.0)

    ScaleWithZero.apply(x, 3.0).sum().backward()
    # --8<-- [end:not-none]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:sum-rows]
class SumRows(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t.sum(1)

    @staticmethod
    def setup_context(ctx, inputs, output):
        pass

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output  # una dimensión de menos: (2,) en lugar de (2, 3)


matrix = torch.ones(2, 3, requires_grad=True)
print(SumRows.apply(matrix).shape)
# --8<-- [end:sum-rows]

# Este error es intencionado. Si ejecutas el archivo, se imprime y la ejecución continúa;
# la página muestra la traza.
try:
    # --8<-- [start:sum-rows-error]
    SumRows.apply(matrix).sum().backward()
    # --8<-- [end:sum-rows-error]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:dtype]
class SquareIn64(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t * t

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad_output):
        (t,) = ctx.saved_tensors
        grad = grad_output.double() * 2 * t.double()  # calculado en float64
        print(grad.dtype)
        return grad


x.grad = None
SquareIn64.apply(x).sum().backward()
print(x.grad, x.grad.dtype)
# --8<-- [end:dtype]

# Este error es intencionado. Si ejecutas el archivo, se imprime y la ejecución continúa;
# la página muestra la traza.
try:
    # --8<-- [start:device]
    class SquareOnMeta(SquareIn64):
        @staticmethod
        def backward(ctx, grad_output):
            (t,) = ctx.saved_tensors
            return torch.empty(t.shape, device="meta")  # en otro dispositivo

    SquareOnMeta.apply(x).sum().backward()
    # --8<-- [end:device]
except RuntimeError as error:
    print(f"RuntimeError: {error}")


# --8<-- [start:broadcasting]
class ScaleColumns(torch.autograd.Function):
    @staticmethod
    def forward(t, w):
        return t * w  # w, de forma (2,), se repite en cada fila de t

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad_output):
        t, w = ctx.saved_tensors
        return grad_output * w, (grad_output * t).sum_to_size(w.shape)


t = torch.arange(4.0).view(2, 2)
print(t)
w = torch.tensor([1.0, 2.0], requires_grad=True)
ScaleColumns.apply(t, w).sum().backward()
print(w.grad)
(reference,) = torch.autograd.grad((t * w).sum(), w)
print(reference)
# --8<-- [end:broadcasting]


# --8<-- [start:unreduced]
class ScaleColumnsUnreduced(ScaleColumns):
    @staticmethod
    def backward(ctx, grad_output):
        t, w = ctx.saved_tensors
        grad_w = grad_output * t
        print(grad_w.shape)
        return grad_output * w, grad_w  # sin reducir


w.grad = None
ScaleColumnsUnreduced.apply(t, w).sum().backward()
print(w.grad)
# --8<-- [end:unreduced]


# --8<-- [start:wrong-axis]
class ScaleColumnsWrongAxis(ScaleColumns):
    @staticmethod
    def backward(ctx, grad_output):
        t, w = ctx.saved_tensors
        return grad_output * w, (grad_output * t).sum(1)  # suma cada fila: el eje equivocado


w.grad = None
ScaleColumnsWrongAxis.apply(t, w).sum().backward()
print(w.grad)
# --8<-- [end:wrong-axis]

# Este fallo de la comprobación es intencionado. Si ejecutas el archivo, se imprime y la
# ejecución continúa; la página lo muestra.
try:
    # --8<-- [start:wrong-axis-gradcheck]
    t64 = t.to(torch.float64)
    w64 = w.detach().to(torch.float64).requires_grad_()
    torch.autograd.gradcheck(ScaleColumnsWrongAxis.apply, (t64, w64))
    # --8<-- [end:wrong-axis-gradcheck]
except RuntimeError as error:  # GradcheckError es un RuntimeError
    print(f"{type(error).__name__}: {error}")

# Ejercicios: docs/es/lessons/double-backward.md#exercises.


# --8<-- [start:exercise-1]
class Sin(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t.sin()

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad_output):
        (t,) = ctx.saved_tensors
        return grad_output * t.cos()


(first,) = torch.autograd.grad(Sin.apply(x).sum(), x, create_graph=True)
(respuesta,) = torch.autograd.grad(first.sum(), x)
print(respuesta)
print(-x.detach().sin())
print(torch.autograd.gradgradcheck(Sin.apply, (x64,)))
# --8<-- [end:exercise-1]


# --8<-- [start:exercise-2]
class SumRowsFixed(SumRows):
    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.shape = inputs[0].shape  # una forma, no un tensor

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output.unsqueeze(1).expand(ctx.shape)


matrix.grad = None
(SumRowsFixed.apply(matrix) * torch.tensor([1.0, 2.0])).sum().backward()
respuesta = matrix.grad
print(respuesta)
# --8<-- [end:exercise-2]


# --8<-- [start:exercise-3]
class AddBias(torch.autograd.Function):
    @staticmethod
    def forward(h, bias):
        return h + bias

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.bias_shape = inputs[1].shape

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output, grad_output.sum_to_size(ctx.bias_shape)


h = torch.zeros(4, 3)
bias = torch.zeros((1, 3), requires_grad=True)
AddBias.apply(h, bias).sum().backward()
respuesta = bias.grad
print(respuesta)
# --8<-- [end:exercise-3]


# --8<-- [start:exercise-4]
class CubeWithSlope(torch.autograd.Function):
    @staticmethod
    def forward(t):
        return t**3, 3 * t**2  # el cubo y su derivada, como dos salidas

    @staticmethod
    def setup_context(ctx, inputs, output):
        (t,) = inputs
        _, slope = output
        ctx.save_for_backward(t, slope)

    @staticmethod
    def backward(ctx, grad_output, grad_slope):
        t, slope = ctx.saved_tensors
        return grad_output * slope + grad_slope * 6 * t  # (3 t²)' = 6 t


cube, slope = CubeWithSlope.apply(x)
(first,) = torch.autograd.grad(cube.sum(), x, create_graph=True)
(respuesta,) = torch.autograd.grad(first.sum(), x)
print(respuesta)
print(6 * x.detach())
print(torch.autograd.gradgradcheck(lambda t: CubeWithSlope.apply(t)[0], (x64,)))
# --8<-- [end:exercise-4]
