/// Place and organisation names the entity recogniser knows without context, compiled from common
/// facts: countries, capitals and large cities, US states, regions, and organisations that news
/// names without a cue word. Extend by adding names; aliases map to a canonical name.
public enum Gazetteer {
    public static let countries: [String] = [
        "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia", "Australia", "Austria",
        "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin", "Bhutan",
        "Bolivia", "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei", "Bulgaria", "Burkina Faso", "Burundi",
        "Cambodia", "Cameroon", "Canada", "Cape Verde", "Central African Republic", "Chad", "Chile", "China",
        "Colombia", "Comoros", "Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus", "Czech Republic", "Czechia",
        "Denmark", "Djibouti", "Dominica", "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Equatorial Guinea",
        "Eritrea", "Estonia", "Eswatini", "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia", "Georgia",
        "Germany", "Ghana", "Greece", "Grenada", "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti", "Honduras",
        "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Ivory Coast",
        "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kiribati", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos",
        "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg", "Madagascar",
        "Malawi", "Malaysia", "Maldives", "Mali", "Malta", "Mauritania", "Mauritius", "Mexico", "Moldova", "Monaco",
        "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nauru", "Nepal", "Netherlands",
        "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea", "North Macedonia", "Norway", "Oman", "Pakistan",
        "Palau", "Palestine", "Panama", "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland", "Portugal",
        "Qatar", "Romania", "Russia", "Rwanda", "Samoa", "San Marino", "Saudi Arabia", "Senegal", "Serbia", "Seychelles",
        "Sierra Leone", "Singapore", "Slovakia", "Slovenia", "Somalia", "South Africa", "South Korea", "South Sudan",
        "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden", "Switzerland", "Syria", "Taiwan", "Tajikistan", "Tanzania",
        "Thailand", "Togo", "Tonga", "Trinidad and Tobago", "Tunisia", "Turkey", "Türkiye", "Turkmenistan", "Tuvalu",
        "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom", "United States", "Uruguay", "Uzbekistan",
        "Vanuatu", "Vatican", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe", "Greenland", "Puerto Rico",
        "Hong Kong", "Scotland", "Wales", "England", "Northern Ireland", "Crimea", "Gaza", "West Bank", "Kashmir",
    ]

    public static let cities: [String] = [
        "Abu Dhabi", "Abuja", "Accra", "Addis Ababa", "Algiers", "Amman", "Amsterdam", "Ankara", "Athens", "Baghdad",
        "Baku", "Bangkok", "Barcelona", "Beijing", "Beirut", "Belgrade", "Berlin", "Bern", "Bogota", "Brasilia",
        "Bratislava", "Brussels", "Bucharest", "Budapest", "Buenos Aires", "Cairo", "Canberra", "Cape Town", "Caracas",
        "Chisinau", "Copenhagen", "Damascus", "Dakar", "Dhaka", "Doha", "Dubai", "Dublin", "Edinburgh", "Frankfurt",
        "Geneva", "Hamburg", "Hanoi", "Havana", "Helsinki", "Islamabad", "Istanbul", "Jakarta", "Jerusalem", "Johannesburg",
        "Kabul", "Kampala", "Karachi", "Kathmandu", "Khartoum", "Kharkiv", "Kherson", "Kinshasa", "Kyiv", "Kiev",
        "Lagos", "Lahore", "Lima", "Lisbon", "Ljubljana", "London", "Los Angeles", "Luanda", "Lviv", "Madrid", "Manila",
        "Marseille", "Mecca", "Melbourne", "Mexico City", "Milan", "Minsk", "Mogadishu", "Montreal", "Moscow", "Mumbai",
        "Munich", "Nairobi", "New Delhi", "Delhi", "New York", "Nicosia", "Odesa", "Odessa", "Oslo", "Ottawa", "Paris",
        "Prague", "Pretoria", "Pyongyang", "Quito", "Rabat", "Riga", "Rio de Janeiro", "Riyadh", "Rome", "San Francisco",
        "Santiago", "Sao Paulo", "São Paulo", "Sarajevo", "Seoul", "Shanghai", "Singapore", "Skopje", "Sofia",
        "St Petersburg", "St. Petersburg", "Stockholm", "Sydney", "Taipei", "Tallinn", "Tashkent", "Tbilisi", "Tehran",
        "Tel Aviv", "The Hague", "Tirana", "Tokyo", "Toronto", "Tripoli", "Tunis", "Vancouver", "Vienna", "Vilnius",
        "Warsaw", "Washington", "Wellington", "Yerevan", "Zagreb", "Zurich", "Zürich", "Chicago", "Houston", "Boston",
        "Miami", "Seattle", "Atlanta", "Dallas", "Philadelphia", "Detroit", "Denver", "Phoenix", "Las Vegas",
        "Manchester", "Birmingham", "Liverpool", "Glasgow", "Lyon", "Toulouse", "Bordeaux", "Nice", "Lille", "Nantes",
        "Strasbourg", "Cologne", "Stuttgart", "Dresden", "Leipzig", "Naples", "Turin", "Venice", "Florence", "Seville",
        "Valencia", "Porto", "Rotterdam", "Antwerp", "Gdansk", "Krakow", "Bergen", "Gothenburg", "Aarhus", "Donetsk",
        "Luhansk", "Mariupol", "Bakhmut", "Zaporizhzhia", "Dnipro", "Kursk", "Belgorod", "Rafah", "Khan Younis",
        "Ramallah", "Aleppo", "Homs", "Mosul", "Basra", "Kandahar", "Shenzhen", "Guangzhou", "Hong Kong", "Osaka",
        "Kyoto", "Busan", "Bangalore", "Chennai", "Kolkata", "Hyderabad", "Ho Chi Minh City", "Kuala Lumpur", "Perth",
        "Brisbane", "Auckland", "Anchorage", "Honolulu",
    ]

    public static let usStates: [String] = [
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
        "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
        "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
        "New Hampshire", "New Jersey", "New Mexico", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon",
        "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont",
        "Virginia", "West Virginia", "Wisconsin", "Wyoming",
    ]

    public static let regions: [String] = [
        "Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Middle East", "Balkans",
        "Scandinavia", "Caucasus", "Siberia", "Donbas", "Donbass", "Bavaria", "Catalonia", "Normandy", "Brittany",
        "Sahel", "Arctic", "Antarctica", "Pacific", "Atlantic", "Mediterranean", "Baltic", "Black Sea", "Red Sea",
        "Persian Gulf", "Gulf", "Tigray", "Darfur", "Kurdistan", "Xinjiang", "Tibet", "Punjab", "Kashmir", "Sinai",
        "Golan Heights", "Nagorno-Karabakh", "Transnistria", "Silicon Valley", "Wall Street",
    ]

    /// Other spellings of places, and the canonical name they are stored under.
    public static let placeAliases: [String: String] = [
        "US": "United States", "U.S.": "United States", "USA": "United States", "U.S.A.": "United States",
        "United States of America": "United States", "America": "United States",
        "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom", "Great Britain": "United Kingdom",
        "Kiev": "Kyiv", "Odessa": "Odesa", "Zürich": "Zurich", "São Paulo": "Sao Paulo", "Türkiye": "Turkey",
        "Czechia": "Czech Republic", "Russian Federation": "Russia", "Donbass": "Donbas", "St. Petersburg": "St Petersburg",
        "Holland": "Netherlands", "Burma": "Myanmar",
    ]

    /// Organisations news names without a cue word.
    public static let organizations: [String] = [
        "Kremlin", "White House", "Pentagon", "Congress", "Senate", "Parliament", "Bundestag", "Knesset", "Duma",
        "Élysée", "Elysee", "Downing Street", "State Department", "NATO", "EU", "European Union", "UN", "United Nations",
        "UNESCO", "UNICEF", "WHO", "IMF", "World Bank", "OPEC", "OSCE", "ICC", "Red Cross", "Hamas", "Hezbollah",
        "Taliban", "Google", "Apple", "Microsoft", "Amazon", "Meta", "Facebook", "Twitter", "Tesla", "OpenAI",
        "Reuters", "Associated Press", "AFP", "BBC", "CNN", "Le Monde", "Gazprom", "Rosatom", "Boeing", "Airbus",
        "FBI", "CIA", "NSA", "NASA", "Supreme Court", "Federal Reserve", "European Commission", "Security Council",
        "G7", "G20", "Wagner", "Interpol", "Europol", "Greenpeace", "Amnesty International", "WTO", "FIFA", "IOC",
    ]

    /// Adjectives of nationality: they tell a country, but are not a place themselves.
    public static let demonyms: Set<String> = [
        "American", "Russian", "Ukrainian", "British", "French", "German", "Chinese", "Japanese", "Korean", "North Korean",
        "South Korean", "Israeli", "Palestinian", "Iranian", "Iraqi", "Syrian", "Turkish", "Polish", "Italian", "Spanish",
        "Dutch", "Belgian", "Swiss", "Austrian", "Swedish", "Norwegian", "Danish", "Finnish", "Greek", "Hungarian",
        "Czech", "Romanian", "Bulgarian", "Serbian", "Croatian", "Indian", "Pakistani", "Afghan", "Saudi", "Egyptian",
        "Lebanese", "Jordanian", "Canadian", "Mexican", "Brazilian", "Argentine", "Australian", "European", "African",
        "Asian", "Western", "Eastern", "Arab", "Irish", "Scottish", "Welsh", "English", "Georgian", "Belarusian",
        "Moldovan", "Lithuanian", "Latvian", "Estonian", "Venezuelan", "Colombian", "Cuban", "Nigerian", "Kenyan",
        "Ethiopian", "Sudanese", "Yemeni", "Qatari", "Emirati", "Portuguese", "Slovak", "Slovenian", "Taiwanese",
        "Vietnamese", "Thai", "Filipino", "Indonesian", "Malaysian", "Soviet", "Kurdish", "Jewish", "Muslim", "Christian",
        "Catholic", "Orthodox", "Sunni", "Shia", "Democrat", "Democrats", "Republican", "Republicans",
    ]

    static let placeSet: Set<String> = Set(countries + cities + usStates + regions + Array(placeAliases.keys))
    static let organizationSet: Set<String> = Set(organizations)

    /// What the gazetteer says about a name, in the order the recogniser asks: a demonym is no
    /// entity, an alias is its place, then places, then organisations.
    enum Known: Sendable {
        case demonym
        case place(canonical: String)
        case organization
    }

    /// Every list in one table: one lookup per name instead of one per list.
    static let known: [String: Known] = {
        var table: [String: Known] = [:]
        for name in organizationSet { table[name] = .organization }
        for name in placeSet { table[name] = .place(canonical: name) }
        for (alias, canonical) in placeAliases { table[alias] = .place(canonical: canonical) }
        for name in demonyms { table[name] = .demonym }
        return table
    }()
}
