import SomaCore
import SomaLang

extension Library {
    /// Recurrent layers over whole sequences (the hot loop of Stdlib/neural/recurrent.soma).
    static var tensorRecurrent: [Builtin] {
        [
            tensorBuiltin("rnn_seq(X, U, W, b)", doc: """
                The hidden states of a tanh RNN over a batch of sequences, batch x time x hidden.
                h_t = tanh(h_(t-1) @ W + x_t @ U + b) from h = 0, with X batch x time x inputs. Differentiable by grad (backpropagation through time in one step); the
                same as the step-by-step loop in rnn_states. All inputs float32: computed in float32,
                float32 states and gradients; otherwise float64.
                Example: H = rnn_seq(rand(4, 10, 1), randn(1, 8), randn(8, 8) / 3, zeros(8))
                """) { args in
                Value(try Tensor.rnnSequence(args.tensor(0, "X"), args.tensor(1, "U"), args.tensor(2, "W"), args.tensor(3, "b")))
            },
            tensorBuiltin("lstm_seq(X, W, b)", doc: """
                The hidden states of an LSTM over a batch of sequences, batch x time x hidden.
                X is batch x time x inputs; the gates are the notes': z = [h_(t-1), x_t] @ W + b split
                into [f, i, o, c~] (hidden columns each), f, i, o logistic, c~ tanh,
                c_t = f * c_(t-1) + i * c~, h_t = o * tanh(c_t), from h = c = 0. W is
                (hidden + inputs) x 4 hidden. Differentiable by grad; the same as lstm_states. X, W and
                b all float32: computed in float32 (float32 states and gradients); otherwise float64.
                Example: H = lstm_seq(rand(4, 10, 2), randn(18, 64) / 4, zeros(64))
                """) { args in
                Value(try Tensor.lstmSequence(args.tensor(0, "X"), args.tensor(1, "W"), args.tensor(2, "b")))
            },
        ]
    }
}
