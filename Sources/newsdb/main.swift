import NewsDBCommands

NewsDB.runMain()
