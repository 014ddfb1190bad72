import Testing
@testable import SomaLibrary

@Suite struct ProgressBarTests {
    typealias Step = ProgressBar.Step

    @Test func theLineShowsElapsedTimeAndAnEstimateOfTheRest() {
        let line = ProgressBar.line(Step(epoch: 12, epochs: 50, loss: 0.231), elapsed: 3, estimate: true,
                                    columns: 100, color: false)
        // 3 s for 12 epochs leaves 38 epochs, about 9.5 s.
        #expect(line.text == "epoch 12/50 [=======>                      ] 24% 0:03 elapsed, ~0:10 left, loss 0.231")
        #expect(line.width == line.text.count && line.width <= 99)
    }

    @Test func theLastLineHasNoEstimateAndAFullBar() {
        let line = ProgressBar.line(Step(epoch: 50, epochs: 50, loss: 0.0123, valLoss: 0.02), elapsed: 75, estimate: false,
                                    columns: 100, color: false)
        #expect(line.text == "epoch 50/50 [==============================] 100% 1:15 elapsed, loss 0.0123, val 0.02")
    }

    @Test func colourWrapsOnlyTheBarAndTheWidthCountsWhatShows() {
        let plain = ProgressBar.line(Step(epoch: 1, epochs: 4, loss: 1), elapsed: 1, estimate: true, columns: 80, color: false)
        let coloured = ProgressBar.line(Step(epoch: 1, epochs: 4, loss: 1), elapsed: 1, estimate: true, columns: 80, color: true)
        #expect(coloured.text.contains("\u{1B}[32m") && !plain.text.contains("\u{1B}"))
        #expect(coloured.width == plain.width)
    }

    @Test func theBarShrinksToFitAndANarrowTerminalDropsIt() {
        for columns in [100, 70, 60] {
            let line = ProgressBar.line(Step(epoch: 3, epochs: 10, loss: 0.5), elapsed: 2, estimate: true,
                                        columns: columns, color: false)
            #expect(line.width <= columns - 1, "\(columns) columns: \(line.text)")
            #expect(line.text.contains("["), "\(columns) columns keep the bar: \(line.text)")
        }
        let narrow = ProgressBar.line(Step(epoch: 3, epochs: 10, loss: 0.5), elapsed: 2, estimate: true,
                                      columns: 30, color: false)
        #expect(narrow.width <= 29 && !narrow.text.contains("[") && narrow.text.hasPrefix("epoch 3/10"))
    }

    @Test func clockReadsMinutesAndHours() {
        #expect(ProgressBar.clock(0) == "0:00")
        #expect(ProgressBar.clock(59.6) == "1:00")
        #expect(ProgressBar.clock(3725) == "1:02:05")
        #expect(ProgressBar.clock(.nan) == "0:00" && ProgressBar.clock(-4) == "0:00")
    }
}
