import NewsDBCommands

NewsDB.main()
