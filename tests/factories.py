import factory
from django.contrib.auth import get_user_model

from gallery.models import Gallery


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"photographer{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class GalleryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gallery

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Wedding {n}")
    client_name = "Ada & Grace"
    client_email = "clients@example.com"


class StudioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.Studio"

    owner = factory.SubFactory(UserFactory)
    name = "Harbour Light Studio"
    email = factory.LazyAttribute(lambda studio: f"hello@{studio.owner.username}.example")
    website = "https://harbourlight.example/"
    phone = "+44 20 7946 0001"
    accent_colour = "#8a3b12"
