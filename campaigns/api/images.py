"""``/images/``: an integrator uploads a post's picture here (multipart), then names its id
in the post's ``images``. No need for the public images API or the admin.

The upload goes through Wagtail's own image form (``get_image_form``, with this project's
guarded file field): the same size, pixel and format checks as the admin's upload, and the
same collection rules — only collections where the user may add images, the only one
chosen for them when there is just one. The alt text is required and stored as the image's
``description`` (Wagtail's alt text), which a post's image takes when it names none.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from .permissions import choosable, image_policy
from .views import CampaignsAPIMixin

MAX_ALT_TEXT = 255  # Wagtail's description field

REFUSED = "Peran Anda tidak mengizinkan mengunggah gambar."


class ImageUploadSerializer(serializers.Serializer):
    """What the upload takes (multipart/form-data)."""

    file = serializers.ImageField(help_text="JPEG, PNG, GIF atau WebP, sesuai batas pustaka.")
    alt_text = serializers.CharField(
        max_length=MAX_ALT_TEXT, help_text="Deskripsi gambar untuk pembaca tunanetra (wajib)."
    )
    title = serializers.CharField(required=False, help_text="Bila kosong: nama berkas.")
    collection = serializers.IntegerField(
        required=False, help_text="ID koleksi; bila kosong dan hanya satu yang boleh: itu."
    )


class ImageSerializer(serializers.ModelSerializer):
    alt_text = serializers.CharField(source="description", read_only=True)

    class Meta:
        model = get_image_model()
        fields = ["id", "title", "alt_text", "width", "height", "file_size", "collection"]
        read_only_fields = fields


@extend_schema(tags=["images"])
class ImageViewSet(
    CampaignsAPIMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Images for posts: upload one, or read one you may use."""

    parser_classes = [MultiPartParser, FormParser]
    permission_classes = [IsAuthenticated]
    serializer_class = ImageSerializer

    def get_queryset(self):
        return choosable(self.request.user).order_by("pk")

    @extend_schema(
        request={"multipart/form-data": ImageUploadSerializer},
        responses={
            201: ImageSerializer,
            400: OpenApiResponse(description="Berkas atau isian tidak valid, per kolom."),
            403: OpenApiResponse(description=REFUSED),
        },
    )
    def create(self, request, *args, **kwargs):
        """Upload an image (multipart: ``file``, ``alt_text``, optional ``title`` and
        ``collection``); answer its id for a post's ``images``."""
        user = request.user
        if not image_policy().user_has_permission(user, "add"):
            raise PermissionDenied(REFUSED)
        alt_text = str(request.data.get("alt_text", "")).strip()
        errors = {}
        if not alt_text:
            errors["alt_text"] = ["Isi teks alternatif: deskripsi gambar untuk tunanetra."]
        elif len(alt_text) > MAX_ALT_TEXT:
            errors["alt_text"] = [f"Teks alternatif paling panjang {MAX_ALT_TEXT} karakter."]
        upload = request.FILES.get("file")
        if upload is None:
            errors["file"] = ["Lampirkan berkas gambar (multipart/form-data, kolom file)."]
        if errors:
            raise ValidationError(errors)
        image = _save(user, upload, alt_text, request.data)
        return Response(ImageSerializer(image).data, status=status.HTTP_201_CREATED)


def _save(user, upload, alt_text: str, data):
    """Wagtail's image form does the checks and picks the collection, as in the admin."""
    model = get_image_model()
    fields = {
        "title": str(data.get("title", "")).strip() or upload.name.rsplit(".", 1)[0][:255],
        "description": alt_text,
        "collection": str(data.get("collection", "")),
    }
    form = get_image_form(model)(
        fields, {"file": upload}, instance=model(uploaded_by_user=user), user=user
    )
    allowed = {str(pk) for pk in form.collections.values_list("pk", flat=True)}
    if fields["collection"] and fields["collection"] not in allowed:
        raise ValidationError(
            {"collection": ["Anda tidak boleh menambah gambar ke koleksi ini (atau tidak ada)."]}
        )
    if "collection" in form.fields and not fields["collection"]:
        # Several collections allowed and none named: the first (the root, when allowed).
        form.data = {**fields, "collection": str(form.collections.order_by("path")[0].pk)}
    if not form.is_valid():
        raise ValidationError(
            {
                "alt_text" if name == "description" else name: list(messages)
                for name, messages in form.errors.items()
            }
        )
    image = form.save(commit=False)
    image._set_image_file_metadata()  # file size and hash, as Wagtail's upload view sets
    image.save()
    return image
