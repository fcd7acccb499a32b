RUNN echo hello
CMD ["echo"]
