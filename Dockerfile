# One image for the API and the workers (the command differs). Node 20 LTS line, as tested.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm install --no-audit --no-fund
COPY . .
EXPOSE 3000
USER node
CMD ["npm", "start"]
