/// Elementwise operations of two tensors, broadcast as numpy does.
public enum BinaryOp: String, CaseIterable, Sendable {
    case add, sub, mul, div, pow, mod, eq, ne, lt, le, gt, ge, maximum, minimum

    /// The verb used in shape errors: "cannot add tensors of shape [3, 4] and [5]".
    public var verb: String {
        switch self {
        case .add: return "add"
        case .sub: return "subtract"
        case .mul: return "multiply"
        case .div: return "divide"
        case .pow: return "raise to the power"
        case .mod: return "take the remainder of"
        case .eq, .ne, .lt, .le, .gt, .ge: return "compare"
        case .maximum: return "take the maximum of"
        case .minimum: return "take the minimum of"
        }
    }

    /// Comparisons give 1.0/0.0 and carry no gradient.
    public var isComparison: Bool {
        switch self {
        case .eq, .ne, .lt, .le, .gt, .ge: return true
        default: return false
        }
    }

    /// The elements of `a op b` broadcast to `shape`, in the promoted dtype.
    func evaluate(_ a: Tensor, _ b: Tensor, _ shape: [Int]) -> Storage {
        if DType.promoted(a, b) == .float32 {
            return .f32(evaluate(a.storage.floats, a.shape, b.storage.floats, b.shape, shape)[...])
        }
        return .f64(evaluate(a.storage.doubles, a.shape, b.storage.doubles, b.shape, shape)[...])
    }

    private func evaluate<T: KernelFloat>(_ a: ArraySlice<T>, _ sa: [Int], _ b: ArraySlice<T>, _ sb: [Int], _ shape: [Int]) -> [T] {
        switch self {
        case .add: return broadcastMap(AddKernel.self, a, sa, b, sb, shape)
        case .sub: return broadcastMap(SubKernel.self, a, sa, b, sb, shape)
        case .mul: return broadcastMap(MulKernel.self, a, sa, b, sb, shape)
        case .div: return broadcastMap(DivKernel.self, a, sa, b, sb, shape)
        case .pow: return broadcastMap(PowKernel.self, a, sa, b, sb, shape)
        case .mod: return broadcastMap(ModKernel.self, a, sa, b, sb, shape)
        case .eq: return broadcastMap(EqKernel.self, a, sa, b, sb, shape)
        case .ne: return broadcastMap(NeKernel.self, a, sa, b, sb, shape)
        case .lt: return broadcastMap(LtKernel.self, a, sa, b, sb, shape)
        case .le: return broadcastMap(LeKernel.self, a, sa, b, sb, shape)
        case .gt: return broadcastMap(GtKernel.self, a, sa, b, sb, shape)
        case .ge: return broadcastMap(GeKernel.self, a, sa, b, sb, shape)
        case .maximum: return broadcastMap(MaxKernel.self, a, sa, b, sb, shape)
        case .minimum: return broadcastMap(MinKernel.self, a, sa, b, sb, shape)
        }
    }
}

/// Elementwise functions of one tensor.
public enum UnaryOp: String, CaseIterable, Sendable {
    case neg, abs, sqrt, exp, log, sin, cos, tan, tanh, arctan, floor, ceil, round, sign, logistic, relu, square

    /// `op` of every element, in the tensor's dtype.
    func evaluate(_ x: Tensor) -> Storage {
        switch x.storage {
        case .f64(let d): return .f64(evaluate(d)[...])
        case .f32(let f): return .f32(evaluate(f)[...])
        }
    }

    private func evaluate<T: KernelFloat>(_ x: ArraySlice<T>) -> [T] {
        switch self {
        case .neg: return unaryMap(NegKernel.self, x)
        case .abs: return unaryMap(AbsKernel.self, x)
        case .sqrt: return unaryMap(SqrtKernel.self, x)
        case .exp: return vectorized(x, T.exponentials)
        case .log: return unaryMap(LogKernel.self, x)
        case .sin: return T.sinesCosines(Array(x), quarterTurns: 0)
        case .cos: return T.sinesCosines(Array(x), quarterTurns: 1)
        case .tan: return unaryMap(TanKernel.self, x)
        case .tanh: return T.hyperbolicTangents(Array(x))
        case .arctan: return unaryMap(ArctanKernel.self, x)
        case .floor: return unaryMap(FloorKernel.self, x)
        case .ceil: return unaryMap(CeilKernel.self, x)
        case .round: return unaryMap(RoundKernel.self, x)
        case .sign: return unaryMap(SignKernel.self, x)
        case .logistic: return vectorized(x, T.logistics)
        case .relu: return unaryMap(ReluKernel.self, x)
        case .square: return unaryMap(SquareKernel.self, x)
        }
    }
}

/// Sine or cosine of every element through the vectorised Float64 kernel.
func sinCos(_ x: [Double], quarterTurns: UInt64) -> [Double] {
    freshBuffer(x.count) { out in
        x.withUnsafeBufferPointer { vectorSinCos($0, out, quarterTurns: quarterTurns) }
    }
}

/// `x` through a whole-buffer kernel into a fresh array.
@inline(__always)
private func vectorized<T>(_ x: ArraySlice<T>, _ kernel: (UnsafeBufferPointer<T>, UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
    freshBuffer(x.count) { out in
        x.withUnsafeBufferPointer { kernel($0, out) }
    }
}

extension Tensor {
    /// `a op b` elementwise with numpy broadcasting.
    ///
    ///     try Tensor.binary(.add, Tensor(shape: [2, 1], data: [1, 2]), Tensor([10, 20]))
    ///     // [[11, 21], [12, 22]]
    ///
    /// - Throws: `TensorError.shape` when the shapes do not broadcast.
    public static func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        // `x ^ 2` is the commonest power by far; squaring vectorises, `pow` does not.
        if op == .pow, b.shape.isEmpty, b.node == nil, b[flat: 0] == 2, DType.promoted(a, b) == a.dtype { return try unary(.square, a) }
        let shape = try Shape.broadcast(a.shape, b.shape, verb: op.verb)
        if shape != a.shape && shape != b.shape { _ = try Shape.checkedCount(shape) }
        var out = Tensor(shape: shape, storage: op.evaluate(a, b, shape))
        if op.isComparison { out = out.markedAsMask() }
        guard (a.node != nil || b.node != nil), let pullback = Primitives.binary(op, a, b, out) else { return out }
        return record(out, [a, b], pullback)
    }

    /// `op` applied to every element.
    ///
    /// `logistic` and `relu` have fast kernels; on tracked input they are
    /// computed from primitives instead, so their gradients come free.
    public static func unary(_ op: UnaryOp, _ x: Tensor) throws -> Tensor {
        if x.node != nil, let derived = try Derived.unary(op, x) { return derived }
        let out = Tensor(shape: x.shape, storage: op.evaluate(x))
        guard x.node != nil, let pullback = Primitives.unary(op, x, out) else { return out }
        return record(out, [x], pullback)
    }

    /// Elementwise maximum with broadcasting (NaN wins, as in numpy).
    public func maximum(_ other: Tensor) throws -> Tensor { try .binary(.maximum, self, other) }
    /// Elementwise minimum with broadcasting (NaN wins, as in numpy).
    public func minimum(_ other: Tensor) throws -> Tensor { try .binary(.minimum, self, other) }
    /// Elementwise `self ^ p`.
    public func pow(_ p: Tensor) throws -> Tensor { try .binary(.pow, self, p) }
    /// Elementwise `self ^ p`.
    public func pow(_ p: Double) throws -> Tensor { try .binary(.pow, self, Tensor(p)) }

    /// `-x` elementwise.
    public func neg() throws -> Tensor { try .unary(.neg, self) }
    /// `|x|` elementwise. Trap: the gradient at 0 is 0.
    public func abs() throws -> Tensor { try .unary(.abs, self) }
    /// Square root elementwise. Trap: the gradient is infinite at 0.
    public func sqrt() throws -> Tensor { try .unary(.sqrt, self) }
    /// `e^x` elementwise.
    public func exp() throws -> Tensor { try .unary(.exp, self) }
    /// Natural logarithm elementwise. Trap: the gradient is infinite at 0.
    public func log() throws -> Tensor { try .unary(.log, self) }
    /// Sine (radians) elementwise, vectorised.
    public func sin() throws -> Tensor { try .unary(.sin, self) }
    /// Cosine (radians) elementwise, vectorised.
    public func cos() throws -> Tensor { try .unary(.cos, self) }
    /// Tangent (radians) elementwise.
    public func tan() throws -> Tensor { try .unary(.tan, self) }
    /// Hyperbolic tangent elementwise.
    public func tanh() throws -> Tensor { try .unary(.tanh, self) }
    /// Inverse tangent elementwise.
    public func arctan() throws -> Tensor { try .unary(.arctan, self) }
    /// Round down elementwise (gradient 0).
    public func floor() throws -> Tensor { try .unary(.floor, self) }
    /// Round up elementwise (gradient 0).
    public func ceil() throws -> Tensor { try .unary(.ceil, self) }
    /// Round to nearest, halves to even as numpy (gradient 0).
    public func round() throws -> Tensor { try .unary(.round, self) }
    /// -1, 0 or 1 by sign (gradient 0).
    public func sign() throws -> Tensor { try .unary(.sign, self) }
    /// The logistic sigmoid `1 / (1 + e^-x)` elementwise.
    public func logistic() throws -> Tensor { try .unary(.logistic, self) }
    /// `max(x, 0)` elementwise. Trap: the gradient at 0 is 0.
    public func relu() throws -> Tensor { try .unary(.relu, self) }
    /// `x²` elementwise.
    public func square() throws -> Tensor { try .unary(.square, self) }

    /// `self` stretched to `shape` by numpy broadcasting (a copy).
    ///
    /// - Throws: `TensorError.shape` when `self` does not broadcast to `shape`.
    public func broadcast(to shape: [Int]) throws -> Tensor {
        if shape == self.shape { return self }
        guard try Shape.broadcast(self.shape, shape, verb: "broadcast") == shape else {
            throw TensorError.shape("cannot broadcast a tensor of shape \(self.shape) to shape \(shape)")
        }
        _ = try Shape.checkedCount(shape)
        let out: Tensor
        switch storage {
        case .f64(let d): out = Tensor(shape: shape, storage: .f64(broadcastMap(FirstKernel.self, d, self.shape, [0], [], shape)[...]))
        case .f32(let f): out = Tensor(shape: shape, storage: .f32(broadcastMap(FirstKernel.self, f, self.shape, [0], [], shape)[...]))
        }
        guard node != nil else { return out }
        return Tensor.record(out, [self], Primitives.broadcast(from: self.shape))
    }
}

/// Returns its first argument: a broadcast copy through the binary machinery.
enum FirstKernel: BinaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T { a } }
