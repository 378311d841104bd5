app_name = "gamification"
urlpatterns: list = []
