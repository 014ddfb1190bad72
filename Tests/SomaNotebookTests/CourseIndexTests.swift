import Foundation
import Testing
@testable import SomaNotebook

@Suite struct CourseIndexTests {
    let entries = [
        CourseIndex.Entry(title: "02 · The LIF neuron", page: "02-lif/02-lif.html", succeeded: true, status: "ok",
                          seconds: 0.6, thumbnail: "02-lif/trace-fig1.png", figures: 3),
        CourseIndex.Entry(title: "<b>broken</b>", page: "x y/x y.html", succeeded: false, status: "1 cell failed",
                          seconds: 1.25, thumbnail: nil, figures: 0),
    ]

    @Test func linksEveryNotebookWithItsThumbnailAndStatus() {
        let html = CourseIndex(title: "Course", entries: entries).html()
        #expect(html.contains("<a class=\"card\" href=\"02-lif/02-lif.html\">"))
        #expect(html.contains("<img src=\"02-lif/trace-fig1.png\""))
        #expect(html.contains("2 notebooks, 1 ran without errors"))
        #expect(html.contains("<a class=\"card failed\" href=\"x%20y/x%20y.html\">"))
        #expect(html.contains("1 cell failed · 1.2 s · 0 figures") || html.contains("1 cell failed · 1.3 s · 0 figures"))
    }

    @Test func titlesAreTextNotMarkupAndThePageHasNoScript() {
        let html = CourseIndex(entries: entries).html()
        #expect(html.contains("&lt;b&gt;broken&lt;/b&gt;"))
        #expect(!html.contains("<b>broken"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }
}
