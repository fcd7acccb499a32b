terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = "s3:GetObject"
    resources = ["*"]
  }
}

resource "aws_s3_bucket" "artifacts" {
  bucket_prefix = "demo-artifacts-"
  not_an_attr   = true
}
