from meetings import create_app

app = create_app()
