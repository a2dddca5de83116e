import Testing
@testable import NewsPage

@Suite("Dates")
struct DateParserTests {
    @Test(arguments: [
        ("12 Mar 2025", "2025-03-12"),
        ("Jun 2, 2025 \u{00A0}|\u{00A0}|", "2025-06-02"),
        ("March 12, 2025", "2025-03-12"),
        ("Wednesday, March 12th, 2025", "2025-03-12"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("12th of March 2025", "2025-03-12"),
        ("2025-03-12", "2025-03-12"),
        ("2025-03-12T08:30Z", "2025-03-12T08:30"),
        ("2025/03/12 14:05", "2025-03-12T14:05"),
        ("12.03.2025", "2025-03-12"),
        ("Published: 12.03.2025, 09:15 Uhr", "2025-03-12T09:15"),
        ("31/01/2025", "2025-01-31"),
        ("01/31/2025", "2025-01-31"),
        ("Updated 3:04 PM EST, Wed March 12, 2025", "2025-03-12T15:04"),
        ("Posted 12:30 a.m. ET, March 1, 2025", "2025-03-01T00:30"),
        ("12 mars 2025", "2025-03-12"),
        ("12. März 2025", "2025-03-12"),
        ("12 de marzo de 2025", "2025-03-12"),
        ("29 Feb 2024", "2024-02-29"),
    ])
    func absoluteForms(line: String, expected: String) throws {
        let match = try #require(DateParser.parse(line))
        #expect(match.date?.iso == expected)
        #expect(match.isWholeLine)
    }

    @Test func ambiguousSlashDateFollowsThePageOrder() {
        #expect(DateParser.parse("04/03/2025", dayFirst: true)?.date?.iso == "2025-03-04")
        #expect(DateParser.parse("04/03/2025", dayFirst: false)?.date?.iso == "2025-04-03")
        // Dots are day first whatever the page says.
        #expect(DateParser.parse("04.03.2025", dayFirst: false)?.date?.iso == "2025-03-04")
    }

    @Test(arguments: ["31 Feb 2025", "2025-13-01", "Mar 32, 2025", "29 Feb 2025", "no date here", "", "12:30"])
    func impossibleOrMissingDatesAreNil(line: String) {
        #expect(DateParser.parse(line)?.date == nil)
    }

    @Test(arguments: [
        ("3 hours ago", "2025-06-02"),
        ("an hour ago", "2025-06-02"),
        ("2 days ago", "2025-05-31"),
        ("yesterday", "2025-06-01"),
        ("1 week ago", "2025-05-26"),
        ("2 months ago", "2025-04-02"),
    ])
    func relativeFormsCountBackFromCapture(line: String, expected: String) throws {
        let anchor = try #require(PageDate(year: 2025, month: 6, day: 2))
        let match = try #require(DateParser.parse(line))
        #expect(match.resolved(capturedOn: anchor)?.iso == expected)
    }

    @Test func hoursAgoCrossesMidnightWhenTheCaptureTimeIsKnown() throws {
        let anchor = try #require(PageDate(year: 2025, month: 3, day: 1, hour: 1, minute: 30))
        #expect(DateParser.parse("3 hours ago")?.resolved(capturedOn: anchor)?.iso == "2025-02-28T22:30")
    }

    @Test func labelsSayWhichDateItIs() {
        #expect(DateParser.parse("Published March 12, 2025")?.label == .published)
        #expect(DateParser.parse("Captured: 2025-06-02")?.label == .captured)
        #expect(DateParser.parse("12 Mar 2025")?.label == DateParser.Label.none)
    }

    @Test func sentenceMentioningADateIsNotADateLine() throws {
        let match = try #require(DateParser.parse("On March 12, 2025, the harbour council voted to add three evening crossings."))
        #expect(!match.isWholeLine)
    }

    @Test func monthFirstPagesAreRecognised() {
        #expect(DateParser.writesMonthFirst("Jun 2, 2025 | |") == true)
        #expect(DateParser.writesMonthFirst("12 Mar 2025") == false)
        #expect(DateParser.writesMonthFirst("2025-03-12") == nil)
    }

    @Test(arguments: [
        ("2025-04-01", "2025-04-01"),
        ("2025-04-01T10:00:00Z", "2025-04-01T10:00:00Z"),
        ("2025-04-01t10:00z", "2025-04-01T10:00Z"),
        ("2025-04-01 10:00:05.250+0200", "2025-04-01T10:00:05.250+02:00"),
        ("  2025-04-01T23:59:60-05:30 ", "2025-04-01T23:59:60-05:30"),
        ("2025-04-01T10:00+01", "2025-04-01T10:00+01:00"),
    ])
    func isoStampsKeepTheirPrecisionAndZone(text: String, expected: String) {
        #expect(ISOTimestamp.normalized(text) == expected)
    }

    @Test(arguments: ["2025-02-30", "2025-13-01", "2025-04-01T24:00", "2025-04-01T10:00:00+2", "2025-04-01T10", "April 1, 2025",
                      "2025-04-01T10:00:00Zjunk", "2025-04-01T10:00:00."])
    func notAnISOStamp(text: String) {
        #expect(ISOTimestamp.normalized(text) == nil)
    }
}
