"""Accumulation in practice: docs/en/lessons/accumulation-in-practice.md."""

# --8<-- [start:setup]
import torch

torch.manual_seed(0)
inputs = torch.randn(8, 1)
targets = 3 * inputs + 1 + 0.1 * torch.randn(8, 1)
model = torch.nn.Linear(1, 1)
print(f"w = {model.weight.item():.4f}, b = {model.bias.item():.4f}")
print(model.weight.grad, model.bias.grad)
# --8<-- [end:setup]

# --8<-- [start:first-backward]
loss = ((model(inputs) - targets) ** 2).mean()
loss.backward()
print(model.weight.grad, model.bias.grad)
# --8<-- [end:first-backward]

# --8<-- [start:by-hand]
with torch.no_grad():
    error = model(inputs) - targets
print(torch.allclose(model.weight.grad, 2 * (error * inputs).mean()))
print(torch.allclose(model.bias.grad, 2 * error.mean()))
# --8<-- [end:by-hand]

# --8<-- [start:zero-grad]
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
optimizer.zero_grad()
print(model.weight.grad, model.bias.grad)
# --8<-- [end:zero-grad]

# --8<-- [start:zero-in-place]
((model(inputs) - targets) ** 2).mean().backward()
weight_grad = model.weight.grad
model.weight.grad.zero_()
print(model.weight.grad, model.weight.grad is weight_grad)
optimizer.zero_grad(set_to_none=False)
print(model.bias.grad)
# --8<-- [end:zero-in-place]

# --8<-- [start:full-batch]
optimizer.zero_grad()
((model(inputs) - targets) ** 2).mean().backward()
full_grad = model.weight.grad.clone()
print(full_grad)
# --8<-- [end:full-batch]

# --8<-- [start:micro-batches]
optimizer.zero_grad()
micro_batches = 4
for batch_inputs, batch_targets in zip(
    inputs.chunk(micro_batches), targets.chunk(micro_batches), strict=True
):
    loss = ((model(batch_inputs) - batch_targets) ** 2).mean()
    (loss / micro_batches).backward()
    print(model.weight.grad)
print(torch.allclose(model.weight.grad, full_grad))
# --8<-- [end:micro-batches]

# --8<-- [start:training-loop]
import itertools

print(optimizer.param_groups[0]["lr"])
losses = []
for step in range(10):
    optimizer.zero_grad()
    loss = ((model(inputs) - targets) ** 2).mean()
    loss.backward()
    optimizer.step()
    losses.append(loss.item())
    print(f"step {step}: loss {loss.item():.4f}")
print(all(after < before for before, after in itertools.pairwise(losses)))
print(f"w = {model.weight.item():.3f}, b = {model.bias.item():.3f}")
# --8<-- [end:training-loop]

# --8<-- [start:exercise-1]
optimizer.zero_grad()
for batch_inputs, batch_targets in zip(inputs.chunk(4), targets.chunk(4), strict=True):
    ((model(batch_inputs) - batch_targets) ** 2).mean().backward()
with torch.no_grad():
    error = model(inputs) - targets
current_grad = 2 * (error * inputs).mean()
answer = model.weight.grad
print(answer)
print(torch.allclose(answer, 4 * current_grad))
# --8<-- [end:exercise-1]

# --8<-- [start:exercise-2]
sizes = [5, 3]
optimizer.zero_grad()
for batch_inputs, batch_targets in zip(inputs.split(sizes), targets.split(sizes), strict=True):
    loss = ((model(batch_inputs) - batch_targets) ** 2).mean()
    (loss / len(sizes)).backward()
print(torch.allclose(model.weight.grad, current_grad))
optimizer.zero_grad()
for batch_inputs, batch_targets in zip(inputs.split(sizes), targets.split(sizes), strict=True):
    loss = ((model(batch_inputs) - batch_targets) ** 2).mean()
    (loss * len(batch_inputs) / len(inputs)).backward()
answer = model.weight.grad
print(answer)
print(torch.allclose(answer, current_grad))
# --8<-- [end:exercise-2]

# --8<-- [start:exercise-3]
import copy

answer = {}
for name, make_optimizer in (("SGD", torch.optim.SGD), ("Adam", torch.optim.Adam)):
    moves = []
    # first the correct gradient, then four times that gradient
    for scale in (1, 4):
        trial = copy.deepcopy(model)
        trial_optimizer = make_optimizer(trial.parameters(), lr=0.1)
        (scale * ((trial(inputs) - targets) ** 2).mean()).backward()
        trial_optimizer.step()
        moves.append(trial.weight.item() - model.weight.item())
    answer[name] = moves
    print(name, [round(move, 4) for move in moves])
# --8<-- [end:exercise-3]
