-- One-time links that let an invited user (or one whose password an admin reset) choose a
-- password. Only the SHA-256 of the link's token is stored; a link works once and expires.

-- CreateTable
CREATE TABLE "password_setup_links" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),

    CONSTRAINT "password_setup_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "password_setup_links_token_hash_key" ON "password_setup_links"("token_hash");

-- CreateIndex
CREATE INDEX "password_setup_links_user_id_idx" ON "password_setup_links"("user_id");

-- AddForeignKey
ALTER TABLE "password_setup_links" ADD CONSTRAINT "password_setup_links_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
