import SomaCore

/// One side of `@` as compiled: a value, or a tensor whose `.T` was asked for
/// and not yet made, so the product can read it transposed instead.
enum MatmulOperand {
    case value(Value)
    case transposed(Tensor)

    /// The operand as an ordinary value, making the transpose if one is pending.
    var materialized: Value {
        switch self {
        case .value(let v): return v
        case .transposed(let t): return Value(t.T)
        }
    }

    /// The tensor and whether it is read transposed, when the operand is a tensor.
    var tensor: (Tensor, Bool)? {
        switch self {
        case .transposed(let t): return (t, true)
        case .value(.tensor(let box)): return (box.tensor, false)
        default: return nil
        }
    }
}

extension Compiler {
    /// `a @ b` when a side is written `m.T`: that side's base is evaluated
    /// and, if it is a tensor, handed to the product untransposed with a flag
    /// (BLAS reads it transposed; `A.T @ B` in backprop no longer copies A).
    /// Nil when neither side is a `.T` access, for the ordinary path.
    func compileTransposedMatmul(_ l: Expr, _ r: Expr, _ span: Span, operand: (Expr) throws -> Code) throws -> Code? {
        guard isTransposeAccess(l) || isTransposeAccess(r) else { return nil }
        let a = try matmulOperand(l, operand: operand), b = try matmulOperand(r, operand: operand)
        return { frame in
            let x = try a(frame), y = try b(frame)
            return try at(span) {
                guard let (p, tp) = x.tensor, let (q, tq) = y.tensor else {
                    return try Operators.binary(.matmul, x.materialized, y.materialized)
                }
                do {
                    return Value(try p.matmul(q, transposingSelf: tp, transposingOther: tq))
                } catch let error as TensorError {
                    throw SomaError(error)
                }
            }
        }
    }

    private func isTransposeAccess(_ e: Expr) -> Bool {
        if case .field(_, let name) = e.kind { return name.name == "T" }
        return false
    }

    /// Code for one side of `@`; a `.T` access of a tensor is left pending,
    /// and of anything else is the ordinary field access (records and objects
    /// may have their own field `T`), as `compileGeneric` does it.
    private func matmulOperand(_ e: Expr, operand: (Expr) throws -> Code) throws -> (Frame) throws -> MatmulOperand {
        guard case .field(let base, _) = e.kind, isTransposeAccess(e) else {
            let code = try operand(e)
            return { frame in .value(try code(frame)) }
        }
        let code = try compileExpression(base)
        let span = e.span
        unowned(unsafe) let vm = self.vm
        let size = frameSize
        return { frame in
            let v = try code(frame)
            switch v {
            case .tensor(let box): return .transposed(box.tensor)
            case .object: return .value(try at(span) { try vm.withStackTop(frame.base + size) { try Indexing.field(v, "T") } })
            default: return .value(try at(span) { try Indexing.field(v, "T") })
            }
        }
    }
}
