/// A calendar date from a page, with the time of day when the page gives one.
public struct PageDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int?
    public var minute: Int?

    public init?(year: Int, month: Int, day: Int, hour: Int? = nil, minute: Int? = nil) {
        guard (1900...2100).contains(year), (1...12).contains(month),
            (1...PageDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        if let hour, !(0...23).contains(hour) { return nil }
        if let minute, !(0...59).contains(minute) { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = hour == nil ? nil : (minute ?? 0)
    }

    /// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` when the time is known.
    public var iso: String {
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        if let hour { text += "T\(pad(hour, 2)):\(pad(minute ?? 0, 2))" }
        return text
    }

    public var description: String { iso }

    public static func < (lhs: PageDate, rhs: PageDate) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour ?? -1, lhs.minute ?? -1)
            < (rhs.year, rhs.month, rhs.day, rhs.hour ?? -1, rhs.minute ?? -1)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// This date moved back by a number of days (calendar arithmetic, no time zones).
    func minus(days: Int) -> PageDate {
        var (year, month, day) = (self.year, self.month, self.day - days)
        while day < 1 {
            month -= 1
            if month < 1 { month = 12; year -= 1 }
            day += PageDate.daysIn(month: month, year: year)
        }
        return PageDate(year: year, month: month, day: day) ?? self
    }

    func minus(months: Int) -> PageDate {
        var total = year * 12 + (month - 1) - months
        if total < 0 { total = 0 }
        let newYear = total / 12
        let newMonth = total % 12 + 1
        let newDay = min(day, PageDate.daysIn(month: newMonth, year: newYear))
        return PageDate(year: newYear, month: newMonth, day: newDay) ?? self
    }

    /// Minutes back from this date's time; without a time, the calendar day stays.
    func minus(minutes: Int) -> PageDate {
        guard let hour else { return minutes >= 24 * 60 ? minus(days: minutes / (24 * 60)) : self }
        var total = hour * 60 + (minute ?? 0) - minutes
        var date = self
        var daysBack = 0
        while total < 0 {
            total += 24 * 60
            daysBack += 1
        }
        date = date.minus(days: daysBack)
        date.hour = total / 60
        date.minute = total % 60
        return date
    }

    private func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
