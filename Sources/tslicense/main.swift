print("tslicense")
