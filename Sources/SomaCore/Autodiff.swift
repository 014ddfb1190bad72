/// One recorded operation in a differentiated computation.
///
/// micrograd style: the graph is built by the tensors themselves (an output
/// made from a tracked input carries a `Node` pointing at its inputs' nodes);
/// there is no global tape, so independent computations never interfere.
public final class Node {
    /// Nodes of the operation's inputs, aligned with the pullback's results;
    /// nil where an input was a constant. Emptied only while tearing down.
    private(set) var parents: [Node?]
    /// Maps the gradient of the output to the gradients of the inputs
    /// (nil for leaves, which were not computed from anything).
    let pullback: ((Tensor) throws -> [Tensor?])?
    /// Shape of the tensor this node belongs to (the shape of its gradient).
    public let shape: [Int]
    /// Dtype of the tensor this node belongs to (and of its gradient).
    public let dtype: DType

    init(shape: [Int], dtype: DType = .float64, parents: [Node?] = [], pullback: ((Tensor) throws -> [Tensor?])? = nil) {
        self.shape = shape
        self.dtype = dtype
        self.parents = parents
        self.pullback = pullback
    }

    // A long computation (a loop of a million steps) makes a chain of nodes
    // that ARC would free recursively, one stack frame per node, and crash.
    // Instead each node that is about to die hands its parents to a list here.
    deinit {
        guard !parents.isEmpty else { return }
        var pending = parents.compactMap { $0 }
        parents = []
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) {
                pending.append(contentsOf: node.parents.compactMap { $0 })
                node.parents = []
            }
        }
    }
}

extension Tensor {
    /// Tracked copies of `xs`: the leaves a later `backward` differentiates with respect to.
    ///
    ///     let (x, w) = (Tensor([1, 2]), Tensor([3, 4]))
    ///     let l = Tensor.leaves([x, w])
    ///     let y = try (l[0] * l[1]).sum()
    ///     let g = try backward(y, wrt: l)   // [[3, 4], [1, 2]]
    public static func leaves(_ xs: [Tensor]) -> [Tensor] {
        xs.map { Tensor(shape: $0.shape, storage: $0.storage, node: Node(shape: $0.shape, dtype: $0.dtype)) }
    }

    /// Attaches a node to `value` when any of `inputs` is tracked.
    ///
    /// - Parameter pullback: gradient of the output -> gradient of each input
    ///   (same order as `inputs`, nil for "no gradient"). It captures detached
    ///   tensors only, so computing gradients records nothing.
    static func record(_ value: Tensor, _ inputs: [Tensor], _ pullback: @escaping (Tensor) throws -> [Tensor?]) -> Tensor {
        guard inputs.contains(where: { $0.node != nil }) else { return value }
        var out = value
        out.node = Node(shape: value.shape, dtype: value.dtype, parents: inputs.map(\.node), pullback: pullback)
        return out
    }
}

/// Gradients of the one-element tensor `y` with respect to each of `leaves`.
///
/// A reverse walk over the graph in topological order; each pullback's result
/// is added (`+=`) to what its input already received, so a value used twice
/// gets both contributions. A leaf `y` does not depend on gets zeros.
///
/// - Throws: `TensorError.shape` when `y` has more than one element.
public func backward(_ y: Tensor, wrt leaves: [Tensor]) throws -> [Tensor] {
    guard y.count == 1 else {
        throw TensorError.shape("backward needs a single-element output, got shape \(y.shape)")
    }
    guard let root = y.node else { return leaves.map { Tensor(repeating: 0, shape: $0.shape, dtype: $0.dtype) } }

    // Iterative post-order DFS: deep graphs (long simulations) must not overflow the stack.
    var order: [Node] = []
    var seen: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
    var stack: [(Node, Int)] = [(root, 0)]
    while let (node, next) = stack.popLast() {
        if next < node.parents.count {
            stack.append((node, next + 1))
            if let p = node.parents[next], seen.insert(ObjectIdentifier(p)).inserted {
                stack.append((p, 0))
            }
        } else {
            order.append(node)
        }
    }

    var grads: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): Tensor(repeating: 1, shape: root.shape, dtype: root.dtype)]
    for node in order.reversed() {
        guard let pullback = node.pullback, let g = grads[ObjectIdentifier(node)] else { continue }
        let inputGrads = try pullback(g)
        for (parent, grad) in zip(node.parents, inputGrads) {
            guard let parent, var grad else { continue }
            // A gradient has its tensor's dtype (a float32 input of a float64 op gets float32).
            if grad.dtype != parent.dtype { grad = grad.astype(parent.dtype) }
            let key = ObjectIdentifier(parent)
            if let old = grads[key] { grads[key] = try old + grad } else { grads[key] = grad }
        }
        // Interior gradients are no longer needed once passed on.
        if !node.parents.isEmpty { grads[ObjectIdentifier(node)] = nil }
    }
    return leaves.map { leaf in
        if let n = leaf.node, let g = grads[ObjectIdentifier(n)] { return g }
        return Tensor(repeating: 0, shape: leaf.shape, dtype: leaf.dtype)
    }
}

/// The gradient of a scalar function at `x`, by reverse-mode autodiff.
///
///     let g = try gradient(of: { try ($0 * $0).sum() }, at: Tensor([1, 2]))  // [2, 4]
public func gradient(of f: (Tensor) throws -> Tensor, at x: Tensor) throws -> Tensor {
    let leaf = Tensor.leaves([x])
    let y = try f(leaf[0])
    return try backward(y, wrt: leaf)[0]
}

/// The gradient of a scalar function at `x` by central differences,
/// `(f(x + h e_i) - f(x - h e_i)) / 2h` for each element: the reference the
/// autodiff tests compare against. Costs two evaluations per element.
/// A float32 `x` is probed in float64 (`f` sees float64 input), so the
/// reference is as exact as for float64; the result has `x`'s dtype.
public func numericalGradient(of f: (Tensor) throws -> Tensor, at x: Tensor, h: Double = 1e-5) throws -> Tensor {
    var probe = x.detached.astype(.float64)
    var out = [Double](repeating: 0, count: x.count)
    for i in 0..<x.count {
        let keep = probe.data[i]
        probe.data[i] = keep + h
        let up = try f(probe).scalar()
        probe.data[i] = keep - h
        let down = try f(probe).scalar()
        probe.data[i] = keep
        out[i] = (up - down) / (2 * h)
    }
    return Tensor(shape: x.shape, data: out).astype(x.dtype)
}
