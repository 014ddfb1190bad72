import SomaCore
import SomaLang

/// The session's random stream. Every session starts from seed 0, so a
/// notebook gives the same numbers on every run and machine until `seed(n)`.
final class SessionRandom {
    var generator = RandomGenerator(seed: 0)
}

extension Library {
    /// Seeded random numbers drawn from the session's stream.
    static var tensorRandom: [Builtin] {
        func draw<T>(_ args: Arguments, _ body: (inout RandomGenerator) throws -> T) rethrows -> T {
            let state = args.context.state(SessionRandom.self) { SessionRandom() }
            return try body(&state.generator)
        }
        return [
            tensorBuiltin("seed(n)", doc: """
                Restarts the session's random stream at seed n (a whole number).
                The same seed gives the same numbers on every machine.
                Example:
                    seed(42); a = rand(3)
                    seed(42); all(rand(3) == a)   # true
                """) { args in
                let n = try args.int(0, "n")
                guard n >= 0 else { throw SomaError.value("seed: n must not be negative, got \(n)") }
                args.context.state(SessionRandom.self) { SessionRandom() }.generator = RandomGenerator(seed: UInt64(n))
                return .nil
            },
            tensorBuiltin("rand(dims..., dtype: \"float64\")", doc: """
                Uniform random numbers in [0, 1); a single number when no dims are given.
                dtype is "float64" (the default) or "float32" (the same numbers, rounded).
                Example: rand(3, 2)   # a 3 x 2 matrix
                """) { args in
                let shape = try args.shape(from: 0, "dims")
                let dtype = try args.dtype()
                return Value(try draw(args) { try $0.rand(shape, dtype: dtype) })
            },
            tensorBuiltin("randn(dims..., dtype: \"float64\")", doc: """
                Standard normal random numbers: mean 0, standard deviation 1 (Box-Muller).
                A single number when no dims are given; dtype is "float64" (the default) or "float32".
                Example: W = randn(64, 10) * 0.1   # small random weights
                """) { args in
                let shape = try args.shape(from: 0, "dims")
                let dtype = try args.dtype()
                return Value(try draw(args) { try $0.randn(shape, dtype: dtype) })
            },
            tensorBuiltin("randint(lo, hi, n?)", doc: """
                Random whole numbers in lo ..< hi (hi excluded): one, or n of them (n may be a shape list).
                Example: randint(0, 10, 5)
                """) { args in
                let lo = try args.int(0, "lo"), hi = try args.int(1, "hi")
                let shape = try args.shape(from: 2, "n")
                return Value(try draw(args) { try $0.randint(lo, hi, shape) })
            },
            tensorBuiltin("shuffle(x)", doc: """
                A copy of x with its rows (first-axis entries) in random order; a list is shuffled as a list.
                Example: shuffle(arange(5))
                """) { args in
                let x = try args.value(0, "x")
                if case .list(let items) = x {
                    let order = try draw(args) { try $0.permutation(items.count) }
                    return .list(order.data.map { items[Int($0)] })
                }
                let t = try args.tensor(0, "x")
                return Value(try draw(args) { try $0.shuffled(t) })
            },
            tensorBuiltin("permutation(n)", doc: """
                The numbers 0 ..< n in random order.
                Example:
                    X = digits().images
                    X = X[permutation(len(X))]   # the samples in a random order
                """) { args in
                let n = try args.int(0, "n")
                return Value(try draw(args) { try $0.permutation(n) })
            },
            tensorBuiltin("choice(x, n, replace: true)", doc: """
                n rows of x drawn at random (x a number k means arange(k)), with or without replacement.
                Example: choice(10, 3, replace: false)
                """) { args in
                var x = try args.tensor(0, "x")
                if x.rank == 0 { x = try Tensor.arange(0, x.scalar()) }
                let n = try args.int(1, "n"), replace = try args.keywordBool("replace", default: true)
                return Value(try draw(args) { try $0.choice(x, n, replace: replace) })
            },
        ]
    }
}
